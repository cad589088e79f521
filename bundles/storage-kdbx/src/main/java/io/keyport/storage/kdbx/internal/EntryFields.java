package io.keyport.storage.kdbx.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads and changes one entry's fields in the DOM: the {@code <String><Key/><Value/></String>} fields, the
 * {@code <Binary>} attachments and the {@code <Times>}. Protected values go through {@link ProtectedValues}.
 */
final class EntryFields {

    static final String TITLE = "Title";
    static final String USER_NAME = "UserName";
    static final String PASSWORD = "Password";
    static final String URL = "URL";
    static final String NOTES = "Notes";

    /** A string field: its Value element and whether it is protected. */
    record Field(Element value, boolean protect) {}

    private final KdbxDatabase database;

    EntryFields(KdbxDatabase database) {
        this.database = database;
    }

    /** Returns the 32-hex-digit item id of an entry, or {@code null} when its UUID is missing or invalid. */
    static String id(Element entry) {
        String uuid = Dom.childText(entry, "UUID");
        return uuid == null ? null : Uuids.idOf(uuid);
    }

    /** Returns the string fields in document order; a later duplicate key replaces an earlier one. */
    Map<String, Field> strings(Element entry) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Element string : Dom.children(entry, "String")) {
            String key = Dom.childText(string, "Key");
            Element value = Dom.child(string, "Value");
            if (key != null && value != null) {
                fields.put(key, new Field(value, ProtectedValues.isProtected(value)));
            }
        }
        return fields;
    }

    /** Returns a field's text, or {@code null} when the entry has no such field. */
    String text(Element entry, String key) {
        Field field = strings(entry).get(key);
        return field == null ? null : text(field);
    }

    String text(Field field) {
        if (!field.protect()) {
            return field.value().getTextContent();
        }
        byte[] bytes = database.protectedValues().get(field.value());
        try {
            return new String(bytes, StandardCharsets.UTF_8);
        } finally {
            Bytes.wipe(bytes);
        }
    }

    /** Returns a field's UTF-8 bytes, a copy the caller wipes, or {@code null} without such a field. */
    byte[] bytes(Element entry, String key) {
        Field field = strings(entry).get(key);
        if (field == null) {
            return null;
        }
        return field.protect()
                ? database.protectedValues().get(field.value())
                : field.value().getTextContent().getBytes(StandardCharsets.UTF_8);
    }

    /** Sets a field to text, keeping its protection; a new field gets {@code protectNew}. */
    void setText(Element entry, String key, String text, boolean protectNew) {
        Field field = strings(entry).get(key);
        if (field == null) {
            field = add(entry, key, protectNew);
        }
        if (field.protect()) {
            database.protectedValues().put(field.value(), text.getBytes(StandardCharsets.UTF_8));
        } else {
            field.value().setTextContent(text);
        }
    }

    /** Sets a field to UTF-8 bytes, which this object then owns, keeping its protection. */
    void setBytes(Element entry, String key, byte[] utf8, boolean protectNew) {
        Field field = strings(entry).get(key);
        if (field == null) {
            field = add(entry, key, protectNew);
        }
        if (field.protect()) {
            database.protectedValues().put(field.value(), utf8);
        } else {
            field.value().setTextContent(new String(utf8, StandardCharsets.UTF_8));
            Bytes.wipe(utf8);
        }
    }

    void remove(Element entry, String key) {
        for (Element string : Dom.children(entry, "String")) {
            if (key.equals(Dom.childText(string, "Key"))) {
                Element value = Dom.child(string, "Value");
                if (value != null) {
                    database.protectedValues().remove(value);
                }
                Dom.remove(string);
            }
        }
    }

    /** Returns the Value element of the attachment with this name, or {@code null}. */
    Element binary(Element entry, String key) {
        for (Element binary : Dom.children(entry, "Binary")) {
            if (key.equals(Dom.childText(binary, "Key"))) {
                return Dom.child(binary, "Value");
            }
        }
        return null;
    }

    void setBinary(Element entry, String key, byte[] content) {
        Element value = binary(entry, key);
        if (value == null) {
            Element binary = entry.getOwnerDocument().createElement("Binary");
            Dom.append(binary, "Key", key);
            value = Dom.append(binary, "Value", null);
            insertAfterLast(entry, binary, "Binary", "String");
        }
        database.attachments().store(value, content);
    }

    void removeBinary(Element entry, String key) {
        for (Element binary : Dom.children(entry, "Binary")) {
            if (key.equals(Dom.childText(binary, "Key"))) {
                Dom.remove(binary);
            }
        }
    }

    /** Returns a time from the entry's or group's Times element in Unix seconds, or {@code fallback}. */
    static long time(Element owner, String name, long fallback) {
        Element times = Dom.child(owner, "Times");
        return times == null ? fallback : KdbxTimes.parse(Dom.childText(times, name), fallback);
    }

    void setTime(Element owner, String name, long unixSeconds) {
        Dom.setChildText(Dom.requireChild(owner, "Times"), name, KdbxTimes.format(unixSeconds, database.isKdbx4()));
    }

    /** Records a change as KeePassXC does: last modification and last access become now. */
    void touch(Element entry, long now) {
        setTime(entry, "LastModificationTime", now);
        setTime(entry, "LastAccessTime", now);
    }

    private Field add(Element entry, String key, boolean protect) {
        Element string = entry.getOwnerDocument().createElement("String");
        Dom.append(string, "Key", key);
        Element value = Dom.append(string, "Value", null);
        if (protect) {
            value.setAttribute(ProtectedValues.ATTRIBUTE, "True");
        }
        insertAfterLast(entry, string, "String", "Times");
        return new Field(value, protect);
    }

    /**
     * Inserts a child after the last sibling named {@code name}, or else after the last one named {@code fallback},
     * or else at the end, keeping KeePass's element order.
     */
    private static void insertAfterLast(Element parent, Element child, String name, String fallback) {
        Element anchor = lastChild(parent, name);
        if (anchor == null) {
            anchor = lastChild(parent, fallback);
        }
        parent.insertBefore(child, anchor == null ? null : anchor.getNextSibling());
    }

    private static Element lastChild(Element parent, String name) {
        for (Node node = parent.getLastChild(); node != null; node = node.getPreviousSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }
}
