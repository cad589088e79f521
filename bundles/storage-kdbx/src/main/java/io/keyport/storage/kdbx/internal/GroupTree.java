package io.keyport.storage.kdbx.internal;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * The group tree as KeePassXC's Secret Service integration maps it: the exposed group and its subgroups contain
 * the items, except the recycle bin and everything in it.
 */
final class GroupTree {

    /** The database CustomData key in which KeePassXC records the exposed group's UUID, as {@code {8-4-4-4-12}}. */
    static final String EXPOSED_GROUP_KEY = "FDO_SECRETS_EXPOSED_GROUP";

    private final KdbxDatabase database;

    GroupTree(KdbxDatabase database) {
        this.database = database;
    }

    /**
     * Finds the exposed group.
     *
     * @param configured a group UUID (32 hex digits, dashes and braces allowed), a path of group names below the root
     *     group such as {@code /Internet/Mail}, or empty for the group KeePassXC exposes, else the root group
     * @return the group, or {@code null} when a configured UUID or path names no group
     */
    Element exposedGroup(String configured) throws KdbxException {
        Element root = database.rootGroup();
        String value = configured == null ? "" : configured.trim();
        if (value.isEmpty()) {
            String recorded = customData(EXPOSED_GROUP_KEY);
            byte[] uuid = recorded == null ? null : parseUuid(recorded);
            Element group = uuid == null || Uuids.isZero(uuid) ? null : findGroup(root, Uuids.toBase64(uuid));
            return group != null && !inRecycleBin(group) ? group : root;
        }
        byte[] uuid = parseUuid(value);
        if (uuid != null) {
            return findGroup(root, Uuids.toBase64(uuid));
        }
        Element group = root;
        for (String name : value.split("/")) {
            if (name.isEmpty()) {
                continue;
            }
            group = childGroup(group, name);
            if (group == null) {
                return null;
            }
        }
        return group;
    }

    /** Returns the entries of a group and its subgroups in document order, leaving out the recycle bin. */
    List<Element> entries(Element group) {
        List<Element> entries = new ArrayList<>();
        collect(group, recycleBinUuid(), entries);
        return entries;
    }

    /** Returns the item path KeePassXC reports: group names below the exposed group, then the title. */
    String path(Element entry, Element exposed, String title) {
        StringBuilder path = new StringBuilder("/").append(title);
        for (Element group = parentGroup(entry); group != null && group != exposed; group = parentGroup(group)) {
            path.insert(0, "/" + nullToEmpty(Dom.childText(group, "Name")));
        }
        return path.toString();
    }

    /** Returns whether the recycle bin is enabled in Meta; KeePass enables it when the element is missing. */
    boolean recycleBinEnabled() {
        String enabled = Dom.childText(database.meta(), "RecycleBinEnabled");
        return enabled == null || Dom.isTrue(enabled);
    }

    /** Returns the recycle bin group, or {@code null} when the database has none yet. */
    Element recycleBin() throws KdbxException {
        String uuid = recycleBinUuid();
        return uuid == null ? null : findGroup(database.rootGroup(), uuid);
    }

    boolean inRecycleBin(Element node) {
        String bin = recycleBinUuid();
        for (Element group = node.getTagName().equals("Group") ? node : parentGroup(node);
                group != null;
                group = parentGroup(group)) {
            if (bin != null && bin.equals(uuidText(group))) {
                return true;
            }
        }
        return false;
    }

    static Element parentGroup(Element node) {
        return node.getParentNode() instanceof Element parent
                        && parent.getTagName().equals("Group")
                ? parent
                : null;
    }

    /** Returns a database CustomData value, or {@code null}. */
    String customData(String key) {
        Element customData = Dom.child(database.meta(), "CustomData");
        if (customData == null) {
            return null;
        }
        for (Element item : Dom.children(customData, "Item")) {
            if (key.equals(Dom.childText(item, "Key"))) {
                return Dom.childText(item, "Value");
            }
        }
        return null;
    }

    /** Parses a UUID written as 32 hex digits, optionally with dashes and braces, or returns {@code null}. */
    static byte[] parseUuid(String text) {
        String hex = text.trim().replace("{", "").replace("}", "").replace("-", "");
        return hex.length() == 32 ? Bytes.fromHex(hex) : null;
    }

    private String recycleBinUuid() {
        String text = Dom.childText(database.meta(), "RecycleBinUUID");
        byte[] uuid = text == null ? null : Uuids.fromBase64(text);
        return uuid == null || Uuids.isZero(uuid) ? null : Uuids.toBase64(uuid);
    }

    private static void collect(Element group, String recycleBin, List<Element> entries) {
        if (recycleBin != null && recycleBin.equals(uuidText(group))) {
            return;
        }
        entries.addAll(Dom.children(group, "Entry"));
        for (Element child : Dom.children(group, "Group")) {
            collect(child, recycleBin, entries);
        }
    }

    private static Element findGroup(Element group, String uuidBase64) {
        if (uuidBase64.equals(uuidText(group))) {
            return group;
        }
        for (Element child : Dom.children(group, "Group")) {
            Element found = findGroup(child, uuidBase64);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Element childGroup(Element group, String name) {
        for (Element child : Dom.children(group, "Group")) {
            if (name.equals(Dom.childText(child, "Name"))) {
                return child;
            }
        }
        return null;
    }

    /** Returns a group's UUID normalised to base64, or {@code null}. */
    static String uuidText(Element group) {
        String text = Dom.childText(group, "UUID");
        byte[] uuid = text == null ? null : Uuids.fromBase64(text);
        return uuid == null ? null : Uuids.toBase64(uuid);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
