package io.keyport.storage.kdbx.internal;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.NoSuchObjectException;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * The item operations of a {@link KdbxStorageCollection}. Reads run under the collection's monitor; changes go
 * through {@link KdbxStorageCollection#mutate}, which saves them. Each change to an existing entry first copies it
 * into its History, as KeePassXC does.
 */
final class KdbxItems {

    private final KdbxStorageCollection collection;

    KdbxItems(KdbxStorageCollection collection) {
        this.collection = collection;
    }

    /** Reads from an unlocked entry. */
    @FunctionalInterface
    interface EntryReader<T> {
        T read(OpenDatabase open, Element entry) throws KdbxException;
    }

    String collectionId() {
        return collection.id();
    }

    boolean isLocked(String id) {
        synchronized (collection) {
            collection.requireSummary(id);
            return collection.openDatabase() == null;
        }
    }

    long created(String id) {
        synchronized (collection) {
            return collection.requireSummary(id).created();
        }
    }

    long modified(String id) {
        synchronized (collection) {
            return collection.requireSummary(id).modified();
        }
    }

    <T> T read(String id, EntryReader<T> reader) {
        synchronized (collection) {
            collection.requireSummary(id);
            OpenDatabase open = collection.requireUnlocked();
            try {
                return reader.read(open, requireEntry(open, id));
            } catch (KdbxException e) {
                throw collection.loader().failure(e);
            }
        }
    }

    void setLabel(String id, String label) {
        change(id, "change an item's label", (open, entry) -> open.mapping().setLabel(entry, label));
    }

    void setAttributes(String id, Map<String, String> attributes) {
        change(
                id,
                "change an item's attributes",
                (open, entry) -> open.mapping().setAttributes(entry, attributes));
    }

    void setSecret(String id, SecretValue secret) {
        change(id, "change an item's secret", (open, entry) -> open.mapping().setSecret(entry, secret));
    }

    void delete(String id) {
        collection.mutate("delete an item", open -> {
            Element entry = requireEntry(open, id);
            open.editor().delete(entry, KdbxTimes.now());
            return null;
        });
    }

    /**
     * Creates an item in the exposed group, or with {@code replace} updates the item whose attributes equal the
     * requested ones as {@link ItemMapping#identity} compares them.
     */
    String create(String label, Map<String, String> attributes, SecretValue secret, boolean replace) {
        return collection.mutate("create an item", open -> {
            ItemMapping mapping = open.mapping();
            long now = KdbxTimes.now();
            Element entry = replace ? findIdentical(open, attributes) : null;
            if (entry != null) {
                open.editor().snapshotToHistory(entry);
                open.fields().touch(entry, now);
            } else {
                entry = open.editor().create(open.exposedGroup(), now);
            }
            mapping.setLabel(entry, label);
            mapping.setAttributes(entry, attributes);
            mapping.setSecret(entry, secret);
            return EntryFields.id(entry);
        });
    }

    /** Changes one existing entry: copies it into its History, applies the change and records the time. */
    private void change(String id, String operation, EntryChange change) {
        collection.mutate(operation, open -> {
            Element entry = requireEntry(open, id);
            open.editor().snapshotToHistory(entry);
            change.apply(open, entry);
            open.fields().touch(entry, KdbxTimes.now());
            return null;
        });
    }

    @FunctionalInterface
    private interface EntryChange {
        void apply(OpenDatabase open, Element entry) throws KdbxException;
    }

    private Element findIdentical(OpenDatabase open, Map<String, String> attributes) {
        Map<String, String> requested = ItemMapping.identity(attributes);
        for (Element entry : open.entries().values()) {
            if (ItemMapping.identity(open.mapping().attributes(entry, open.exposedGroup()))
                    .equals(requested)) {
                return entry;
            }
        }
        return null;
    }

    private Element requireEntry(OpenDatabase open, String id) {
        Element entry = open.entry(id);
        if (entry == null) {
            throw new NoSuchObjectException("Collection " + collection.id() + " has no item " + id);
        }
        return entry;
    }
}
