package io.keyport.storage.kdbx.internal;

import java.security.SecureRandom;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Creates, versions and deletes entries the way KeePassXC does. New entries carry the standard fields and times,
 * and a change first copies the entry into its History. A deletion moves the entry to the recycle bin when that is
 * enabled, or else removes it and records a DeletedObject, so that synchronising programs drop it too.
 */
final class EntryEditor {

    /** KeePass's default Meta/HistoryMaxItems. */
    static final int DEFAULT_HISTORY_MAX_ITEMS = 10;

    /** KeePass's recycle bin icon. */
    private static final String RECYCLE_BIN_ICON = "43";

    private final KdbxDatabase database;
    private final EntryFields fields;
    private final GroupTree tree;
    private final SecureRandom random;

    EntryEditor(KdbxDatabase database, EntryFields fields, GroupTree tree, SecureRandom random) {
        this.database = database;
        this.fields = fields;
        this.tree = tree;
        this.random = random;
    }

    /** Appends a new entry with empty standard fields to a group and returns it. */
    Element create(Element group, long now) {
        Element entry = database.document().createElement("Entry");
        Dom.append(entry, "UUID", Uuids.toBase64(randomUuid()));
        Dom.append(entry, "IconID", "0");
        Dom.append(entry, "ForegroundColor", null);
        Dom.append(entry, "BackgroundColor", null);
        Dom.append(entry, "OverrideURL", null);
        Dom.append(entry, "Tags", null);
        entry.appendChild(newTimes(now));
        for (String key : List.of(
                EntryFields.NOTES, EntryFields.PASSWORD, EntryFields.TITLE, EntryFields.URL, EntryFields.USER_NAME)) {
            fields.setText(entry, key, "", protects(key));
        }
        Element autoType = Dom.append(entry, "AutoType", null);
        Dom.append(autoType, "Enabled", "True");
        Dom.append(autoType, "DataTransferObfuscation", "0");
        Dom.append(entry, "History", null);
        insertEntry(group, entry);
        return entry;
    }

    /** Returns whether a new standard field is protected, from Meta/MemoryProtection; only Password by default. */
    boolean protects(String key) {
        Element protection = Dom.child(database.meta(), "MemoryProtection");
        String value = protection == null ? null : Dom.childText(protection, "Protect" + key);
        return value == null ? EntryFields.PASSWORD.equals(key) : Dom.isTrue(value);
    }

    /** Copies the entry, without its own History, to the end of its History, then trims it to HistoryMaxItems. */
    void snapshotToHistory(Element entry) {
        Element copy = (Element) entry.cloneNode(true);
        // Values are matched by position, so they are copied while the copy still has the same History.
        database.protectedValues().copyUnder(entry, copy);
        Element copiedHistory = Dom.child(copy, "History");
        if (copiedHistory != null) {
            database.protectedValues().removeUnder(copiedHistory);
            copy.removeChild(copiedHistory);
        }
        Element history = Dom.requireChild(entry, "History");
        history.appendChild(copy);
        trimHistory(history);
    }

    /** Moves the entry to the recycle bin, or removes it for good when the bin is disabled. */
    void delete(Element entry, long now) throws KdbxException {
        if (tree.recycleBinEnabled()) {
            Element bin = tree.recycleBin();
            if (bin == null) {
                bin = createRecycleBin(now);
            }
            String previousGroup = Dom.childText(GroupTree.parentGroup(entry), "UUID");
            entry.getParentNode().removeChild(entry);
            insertEntry(bin, entry);
            fields.setTime(entry, "LocationChanged", now);
            if (database.header().version() >= KdbxHeader.VERSION_4_1 && previousGroup != null) {
                Dom.setChildText(entry, "PreviousParentGroup", previousGroup);
            }
            return;
        }
        String uuid = Dom.childText(entry, "UUID");
        database.protectedValues().removeUnder(entry);
        Dom.remove(entry);
        Element root = Dom.requireChild(database.document().getDocumentElement(), "Root");
        Element deleted = Dom.requireChild(root, "DeletedObjects");
        Element record = Dom.append(deleted, "DeletedObject", null);
        Dom.append(record, "UUID", uuid);
        Dom.append(record, "DeletionTime", KdbxTimes.format(now, database.isKdbx4()));
    }

    private Element createRecycleBin(long now) throws KdbxException {
        Element bin = database.document().createElement("Group");
        byte[] uuid = randomUuid();
        Dom.append(bin, "UUID", Uuids.toBase64(uuid));
        Dom.append(bin, "Name", "Recycle Bin");
        Dom.append(bin, "Notes", null);
        Dom.append(bin, "IconID", RECYCLE_BIN_ICON);
        bin.appendChild(newTimes(now));
        Dom.append(bin, "IsExpanded", "False");
        Dom.append(bin, "DefaultAutoTypeSequence", null);
        Dom.append(bin, "EnableAutoType", "false");
        Dom.append(bin, "EnableSearching", "false");
        Dom.append(bin, "LastTopVisibleEntry", "AAAAAAAAAAAAAAAAAAAAAA==");
        database.rootGroup().appendChild(bin);
        Element meta = database.meta();
        Dom.setChildText(meta, "RecycleBinUUID", Uuids.toBase64(uuid));
        Dom.setChildText(meta, "RecycleBinChanged", KdbxTimes.format(now, database.isKdbx4()));
        return bin;
    }

    private void trimHistory(Element history) {
        int maxItems = historyMaxItems();
        if (maxItems < 0) {
            return;
        }
        // NOTE: Meta/HistoryMaxSize is not enforced; KeePassXC trims to it on its next save.
        List<Element> items = Dom.children(history, "Entry");
        for (int i = 0; i < items.size() - maxItems; i++) {
            database.protectedValues().removeUnder(items.get(i));
            Dom.remove(items.get(i));
        }
    }

    private int historyMaxItems() {
        String text = Dom.childText(database.meta(), "HistoryMaxItems");
        try {
            return text == null ? DEFAULT_HISTORY_MAX_ITEMS : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return DEFAULT_HISTORY_MAX_ITEMS;
        }
    }

    private Element newTimes(long now) {
        boolean kdbx4 = database.isKdbx4();
        Element times = database.document().createElement("Times");
        for (String name : List.of("CreationTime", "LastModificationTime", "LastAccessTime", "ExpiryTime")) {
            Dom.append(times, name, KdbxTimes.format(now, kdbx4));
        }
        Dom.append(times, "Expires", "False");
        Dom.append(times, "UsageCount", "0");
        Dom.append(times, "LocationChanged", KdbxTimes.format(now, kdbx4));
        return times;
    }

    /** Inserts an entry before the group's first subgroup, or at the end, since KeePass lists entries first. */
    private static void insertEntry(Element group, Element entry) {
        Node anchor = null;
        for (Node node = group.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals("Group")) {
                anchor = element;
                break;
            }
        }
        group.insertBefore(entry, anchor);
    }

    private byte[] randomUuid() {
        byte[] uuid = new byte[16];
        random.nextBytes(uuid);
        // Version 4 and the RFC 4122 variant, as QUuid::createUuid produces.
        uuid[6] = (byte) ((uuid[6] & 0x0F) | 0x40);
        uuid[8] = (byte) ((uuid[8] & 0x3F) | 0x80);
        return uuid;
    }
}
