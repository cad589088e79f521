package io.keyport.prompter.tty.internal;

import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageEngine;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/** The storage engines that are registered now, searched by collection id for {@code keyport unlock}. */
final class CollectionRegistry {

    private final List<StorageEngine> engines = new CopyOnWriteArrayList<>();

    void add(StorageEngine engine) {
        engines.add(engine);
    }

    void remove(StorageEngine engine) {
        engines.remove(engine);
    }

    /** Returns the collection with this id from any engine. */
    Optional<StorageCollection> find(String id) {
        for (StorageEngine engine : engines) {
            for (StorageCollection collection : engine.collections()) {
                if (collection.id().equals(id)) {
                    return Optional.of(collection);
                }
            }
        }
        return Optional.empty();
    }

    /** Returns the ids of all collections in sorted order, for an error message that lists them. */
    List<String> ids() {
        TreeSet<String> ids = new TreeSet<>();
        for (StorageEngine engine : engines) {
            engine.collections().forEach(collection -> ids.add(collection.id()));
        }
        return List.copyOf(ids);
    }
}
