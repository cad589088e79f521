package io.keyport.storage.kdbx.internal;

import io.keyport.api.storage.StorageListener;
import io.keyport.api.storage.StorageListeners;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one engine. Changes are collected as {@link Batch}es while the collection's monitor is held and
 * delivered after it is released, so a listener that calls back into the collection cannot deadlock.
 */
final class StorageEvents {

    private static final Logger LOG = LoggerFactory.getLogger(StorageEvents.class);

    private final StorageListeners listeners = new StorageListeners(StorageListeners.FailureHandler.logging(LOG::warn));

    void add(StorageListener listener) {
        listeners.add(listener);
    }

    void remove(StorageListener listener) {
        listeners.remove(listener);
    }

    /** Events of one collection, in the order they happened. */
    static final class Batch {
        private final String collectionId;
        private final List<Consumer<StorageListeners>> calls = new ArrayList<>();

        Batch(String collectionId) {
            this.collectionId = collectionId;
        }

        void collectionChanged() {
            calls.add(listeners -> listeners.collectionChanged(collectionId));
        }

        void itemCreated(String itemId) {
            calls.add(listeners -> listeners.itemCreated(collectionId, itemId));
        }

        void itemChanged(String itemId) {
            calls.add(listeners -> listeners.itemChanged(collectionId, itemId));
        }

        void itemDeleted(String itemId) {
            calls.add(listeners -> listeners.itemDeleted(collectionId, itemId));
        }

        void items(ItemIndex.Changes changes) {
            changes.created().forEach(this::itemCreated);
            changes.changed().forEach(this::itemChanged);
            changes.deleted().forEach(this::itemDeleted);
        }
    }

    /** Calls every listener for every event of {@code batch}, in order. */
    void deliver(Batch batch) {
        for (Consumer<StorageListeners> call : batch.calls) {
            call.accept(listeners);
        }
    }
}
