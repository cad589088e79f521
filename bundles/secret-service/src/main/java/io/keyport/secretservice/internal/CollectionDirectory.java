package io.keyport.secretservice.internal;

import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageEngine;
import io.keyport.api.storage.StorageListener;
import io.keyport.secretservice.internal.dbus.CollectionInterface;
import io.keyport.secretservice.internal.dbus.SecretServiceInterface;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.freedesktop.Secret.Error.NoSuchObject;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collections of all storage engines, exported on the bus at their own paths and at the paths of the
 * aliases that point at them. Engine events arrive here and leave as D-Bus signals.
 */
final class CollectionDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(CollectionDirectory.class);

    private final Signals signals;
    private final Aliases aliases;
    private final ExportedObjects objects;
    private final Function<String, CollectionObject> objectFactory;
    private final Consumer<String> removedPaths;
    private final Map<String, Entry> collections = new ConcurrentHashMap<>();
    private final Map<StorageEngine, EngineListener> listeners = new IdentityHashMap<>();

    CollectionDirectory(
            Signals signals,
            Aliases aliases,
            ExportedObjects objects,
            Function<String, CollectionObject> objectFactory,
            Consumer<String> removedPaths) {
        this.signals = signals;
        this.aliases = aliases;
        this.objects = objects;
        this.objectFactory = objectFactory;
        this.removedPaths = removedPaths;
    }

    /** Exports the collections of an engine that appeared and follows its changes. */
    synchronized void addEngine(StorageEngine engine, String engineName) {
        if (listeners.values().stream().anyMatch(other -> other.engineName.equals(engineName))) {
            // Both engines are still served, but login.engine and keyport status cannot tell them apart.
            LOG.error("Two storage engines are named {}: give each engine configuration its own name", engineName);
        }
        EngineListener listener = new EngineListener(engine, engineName);
        listeners.put(engine, listener);
        engine.addListener(listener);
        for (StorageCollection collection : engine.collections()) {
            export(engine, engineName, collection);
        }
        LOG.info(
                "Storage engine {} added with {} collections",
                engineName,
                engine.collections().size());
    }

    /** Unexports the collections of an engine that went away. */
    synchronized void removeEngine(StorageEngine engine, String engineName) {
        EngineListener listener = listeners.remove(engine);
        if (listener != null) {
            engine.removeListener(listener);
        }
        List<String> owned = collections.entrySet().stream()
                .filter(e -> e.getValue().engine() == engine)
                .map(Map.Entry::getKey)
                .toList();
        owned.forEach(this::unexport);
        LOG.info("Storage engine {} removed with {} collections", engineName, owned.size());
    }

    /** Unexports everything, when the exporter stops. */
    synchronized void clear() {
        listeners.forEach((engine, listener) -> engine.removeListener(listener));
        listeners.clear();
        new ArrayList<>(collections.keySet()).forEach(this::unexport);
    }

    List<DBusPath> paths() {
        return collections.keySet().stream()
                .sorted()
                .map(id -> new DBusPath(ObjectPaths.collection(id)))
                .toList();
    }

    List<Entry> entries() {
        return List.copyOf(collections.values());
    }

    Optional<Entry> find(String collectionId) {
        return Optional.ofNullable(collections.get(collectionId));
    }

    /** Returns the id of the collection an alias points at, while that collection is present. */
    Optional<String> resolveAlias(String name) {
        return aliases.target(name).filter(collections::containsKey);
    }

    /**
     * Returns the collection named by a collection, alias or item path.
     *
     * @throws NoSuchObject if the path names no present collection
     */
    Entry require(ObjectPaths.Target target, String path) {
        String id = target.alias() ? resolveAlias(target.collection()).orElse(null) : target.collection();
        Entry entry = id == null ? null : collections.get(id);
        if (entry == null) {
            throw new NoSuchObject("No such collection: " + path);
        }
        return entry;
    }

    /** Returns the collection or item path's collection, or throws NoSuchObject. */
    Entry require(String path) {
        return require(ObjectPaths.parse(path).orElseThrow(() -> new NoSuchObject("No such object: " + path)), path);
    }

    /**
     * Replaces the configured alias targets and moves the alias objects of the aliases whose collection changed.
     * SetAlias changes keep precedence.
     */
    synchronized void replaceAliasDefaults(Map<String, String> defaults) {
        Set<String> names = new TreeSet<>(aliases.names());
        names.addAll(defaults.keySet());
        Map<String, Optional<String>> before = new HashMap<>();
        names.forEach(name -> before.put(name, resolveAlias(name)));
        aliases.replaceDefaults(defaults);
        for (String name : names) {
            Optional<String> after = resolveAlias(name);
            if (after.equals(before.get(name))) {
                continue;
            }
            if (before.get(name).isPresent()) {
                objects.unexport(ObjectPaths.alias(name));
            }
            if (after.isPresent()) {
                objects.export(
                        ObjectPaths.alias(name), collections.get(after.get()).object());
            }
            LOG.info("Alias {} now points at {}", name, after.orElse("nothing"));
        }
    }

    /** Points an alias at a collection, or removes it when {@code collectionId} is empty. */
    synchronized void setAlias(String name, String collectionId) {
        Optional<String> previous = resolveAlias(name);
        aliases.set(name, collectionId);
        if (previous.isPresent()) {
            objects.unexport(ObjectPaths.alias(name));
        }
        Entry entry = collections.get(collectionId);
        if (entry != null) {
            objects.export(ObjectPaths.alias(name), entry.object());
        }
        LOG.info("Alias {} now points at {}", name, collectionId.isEmpty() ? "nothing" : collectionId);
    }

    private void export(StorageEngine engine, String engineName, StorageCollection collection) {
        String id = collection.id();
        if (!ObjectPaths.isValidElement(id)) {
            LOG.error(
                    "Storage engine {} offers a collection with an invalid id; ids use letters, digits and _",
                    engineName);
            return;
        }
        Entry existing = collections.get(id);
        if (existing != null) {
            LOG.error(
                    "Storage engines {} and {} both offer collection {}; serving the one from {}",
                    existing.engineName(),
                    engineName,
                    id,
                    existing.engineName());
            return;
        }
        CollectionObject object = objectFactory.apply(id);
        Entry entry = new Entry(id, engine, engineName, collection, object);
        collections.put(id, entry);
        String path = ObjectPaths.collection(id);
        objects.export(path, object);
        for (String alias : aliases.namesOf(id)) {
            objects.export(ObjectPaths.alias(alias), object);
        }
        LOG.info("Serving collection {} of storage engine {} at {}", id, engineName, path);
        signals.send(() -> new SecretServiceInterface.CollectionCreated(ObjectPaths.SERVICE, new DBusPath(path)));
        collectionsChanged();
    }

    private void unexport(String id) {
        Entry entry = collections.remove(id);
        if (entry == null) {
            return;
        }
        String path = ObjectPaths.collection(id);
        objects.unexport(path);
        for (String alias : aliases.namesOf(id)) {
            objects.unexport(ObjectPaths.alias(alias));
        }
        LOG.info("Stopped serving collection {} of storage engine {}", id, entry.engineName());
        signals.send(() -> new SecretServiceInterface.CollectionDeleted(ObjectPaths.SERVICE, new DBusPath(path)));
        collectionsChanged();
    }

    private void collectionsChanged() {
        signals.propertiesChanged(
                ObjectPaths.SERVICE,
                "org.freedesktop.Secret.Service",
                Map.of("Collections", new Variant<>(paths(), "ao")),
                List.of());
    }

    /** A served collection with its engine and its bus object. */
    record Entry(
            String id, StorageEngine engine, String engineName, StorageCollection collection, CollectionObject object) {

        String path() {
            return ObjectPaths.collection(id);
        }

        DBusPath itemPath(String itemId) {
            return new DBusPath(ObjectPaths.item(id, itemId));
        }
    }

    /** Turns one engine's events into exports and signals. */
    private final class EngineListener implements StorageListener {

        private final StorageEngine engine;
        private final String engineName;

        EngineListener(StorageEngine engine, String engineName) {
            this.engine = engine;
            this.engineName = engineName;
        }

        @Override
        public void collectionAdded(StorageCollection collection) {
            synchronized (CollectionDirectory.this) {
                export(engine, engineName, collection);
            }
        }

        /**
         * Unexports a collection that its engine deleted or dropped, such as a memory collection removed from the
         * configuration, and passes its path on, so that its access records go with it. An engine that stops does
         * not remove its collections this way.
         */
        @Override
        public void collectionRemoved(String collectionId) {
            synchronized (CollectionDirectory.this) {
                Entry entry = collections.get(collectionId);
                if (entry != null && entry.engine() == engine) {
                    unexport(collectionId);
                    removedPaths.accept(ObjectPaths.collection(collectionId));
                }
            }
        }

        @Override
        public void collectionChanged(String collectionId) {
            Entry entry = collections.get(collectionId);
            if (entry == null || entry.engine() != engine) {
                return;
            }
            String path = entry.path();
            signals.propertiesChanged(
                    path,
                    "org.freedesktop.Secret.Collection",
                    PropertyValues.collectionChanges(entry.collection()),
                    List.of("Items"));
            signals.send(() -> new SecretServiceInterface.CollectionChanged(ObjectPaths.SERVICE, new DBusPath(path)));
        }

        @Override
        public void itemCreated(String collectionId, String itemId) {
            itemEvent(collectionId, itemId, Kind.CREATED);
        }

        @Override
        public void itemChanged(String collectionId, String itemId) {
            itemEvent(collectionId, itemId, Kind.CHANGED);
        }

        @Override
        public void itemDeleted(String collectionId, String itemId) {
            itemEvent(collectionId, itemId, Kind.DELETED);
        }

        private void itemEvent(String collectionId, String itemId, Kind kind) {
            Entry entry = collections.get(collectionId);
            if (entry == null || entry.engine() != engine || !ObjectPaths.isValidElement(itemId)) {
                return;
            }
            String path = entry.path();
            DBusPath item = entry.itemPath(itemId);
            switch (kind) {
                case CREATED -> signals.send(() -> new CollectionInterface.ItemCreated(path, item));
                case DELETED -> signals.send(() -> new CollectionInterface.ItemDeleted(path, item));
                case CHANGED -> {
                    signals.propertiesChanged(
                            item.getPath(),
                            "org.freedesktop.Secret.Item",
                            PropertyValues.itemChanges(entry.collection(), itemId),
                            List.of());
                    signals.send(() -> new CollectionInterface.ItemChanged(path, item));
                }
            }
            if (kind != Kind.CHANGED) {
                // Items is invalidated, not sent: with many items, every change would carry them all.
                signals.propertiesChanged(path, "org.freedesktop.Secret.Collection", Map.of(), List.of("Items"));
            }
        }
    }

    private enum Kind {
        CREATED,
        CHANGED,
        DELETED
    }

    /** Exports and unexports objects, logging failures; a failed export leaves the path unserved. */
    static final class ExportedObjects {

        private static final Logger LOG = LoggerFactory.getLogger(ExportedObjects.class);

        private final DBusConnection connection;

        ExportedObjects(DBusConnection connection) {
            this.connection = connection;
        }

        void export(String path, org.freedesktop.dbus.interfaces.DBusInterface object) {
            try {
                connection.exportObject(path, object);
                Introspection.replace(connection, path, Introspection.COLLECTION);
            } catch (DBusException | RuntimeException e) {
                LOG.error("Could not export {}", path, e);
            }
        }

        void unexport(String path) {
            try {
                connection.unExportObject(path);
            } catch (RuntimeException e) {
                LOG.warn("Could not unexport {}: {}", path, e.toString());
            }
        }
    }
}
