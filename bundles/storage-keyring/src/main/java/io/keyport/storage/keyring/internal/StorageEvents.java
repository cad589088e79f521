package io.keyport.storage.keyring.internal;

import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listeners of one engine. Callers fire events after the change took effect and outside their own locks. */
final class StorageEvents {

    private static final Logger LOG = LoggerFactory.getLogger(StorageEvents.class);

    private final List<StorageListener> listeners = new CopyOnWriteArrayList<>();

    void add(StorageListener listener) {
        listeners.add(listener);
    }

    void remove(StorageListener listener) {
        listeners.remove(listener);
    }

    void collectionAdded(StorageCollection collection) {
        fire("collectionAdded", collection.id(), listener -> listener.collectionAdded(collection));
    }

    void collectionRemoved(String collectionId) {
        fire("collectionRemoved", collectionId, listener -> listener.collectionRemoved(collectionId));
    }

    void collectionChanged(String collectionId) {
        fire("collectionChanged", collectionId, listener -> listener.collectionChanged(collectionId));
    }

    void itemCreated(String collectionId, String itemId) {
        fire("itemCreated", collectionId, listener -> listener.itemCreated(collectionId, itemId));
    }

    void itemChanged(String collectionId, String itemId) {
        fire("itemChanged", collectionId, listener -> listener.itemChanged(collectionId, itemId));
    }

    void itemDeleted(String collectionId, String itemId) {
        fire("itemDeleted", collectionId, listener -> listener.itemDeleted(collectionId, itemId));
    }

    /** Calls every listener; one that throws despite its contract is logged and does not stop the others. */
    private void fire(String event, String collectionId, Consumer<StorageListener> call) {
        for (StorageListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn(
                        "Storage listener {} failed on {} for collection {}",
                        listener.getClass().getName(),
                        event,
                        collectionId,
                        e);
            }
        }
    }
}
