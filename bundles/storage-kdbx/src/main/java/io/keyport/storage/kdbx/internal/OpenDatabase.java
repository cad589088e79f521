package io.keyport.storage.kdbx.internal;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * An unlocked database with the keys that opened it: the composite key, to run the KDF again if another program
 * saved the file with new KDF parameters, and the transformed key, so that saves and reloads skip the KDF. Both
 * are wiped by {@link #wipe()}.
 */
final class OpenDatabase {

    private final KdbxDatabase database;
    private final byte[] compositeKey;
    private final byte[] transformedKey;
    private final Element exposedGroup;
    private final EntryFields fields;
    private final GroupTree tree;
    private final EntryEditor editor;
    private final ItemMapping mapping;
    private Map<String, Element> entries;

    OpenDatabase(
            KdbxDatabase database,
            byte[] compositeKey,
            byte[] transformedKey,
            Element exposedGroup,
            SecureRandom random) {
        this.database = database;
        this.compositeKey = compositeKey;
        this.transformedKey = transformedKey;
        this.exposedGroup = exposedGroup;
        this.fields = new EntryFields(database);
        this.tree = new GroupTree(database);
        this.editor = new EntryEditor(database, fields, tree, random);
        this.mapping = new ItemMapping(database, fields, tree, editor);
        refreshEntries();
    }

    KdbxDatabase database() {
        return database;
    }

    byte[] compositeKey() {
        return compositeKey;
    }

    byte[] transformedKey() {
        return transformedKey;
    }

    Element exposedGroup() {
        return exposedGroup;
    }

    EntryFields fields() {
        return fields;
    }

    EntryEditor editor() {
        return editor;
    }

    ItemMapping mapping() {
        return mapping;
    }

    /** Returns the exposed entries by item id, in document order. */
    Map<String, Element> entries() {
        return entries;
    }

    /** Returns the entry of an item id, or {@code null}. */
    Element entry(String id) {
        return entries.get(id);
    }

    /** Lists the exposed entries again after a change moved, added or removed one. */
    void refreshEntries() {
        Map<String, Element> found = new LinkedHashMap<>();
        for (Element entry : tree.entries(exposedGroup)) {
            String id = EntryFields.id(entry);
            if (id != null) {
                found.putIfAbsent(id, entry);
            }
        }
        entries = found;
    }

    void wipe() {
        Bytes.wipe(compositeKey, transformedKey);
        database.wipe();
        entries = Map.of();
    }
}
