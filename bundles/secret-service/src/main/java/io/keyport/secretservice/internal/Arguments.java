package io.keyport.secretservice.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.freedesktop.DBus.Error.InvalidArgs;
import org.freedesktop.dbus.types.Variant;

/** Reads typed values out of the variants that clients send, rejecting the wrong types with InvalidArgs. */
final class Arguments {

    private Arguments() {}

    static String string(Object value, String name) {
        Object unwrapped = value instanceof Variant<?> variant ? variant.getValue() : value;
        if (unwrapped instanceof String text) {
            return text;
        }
        throw new InvalidArgs(name + " must be a string (s)");
    }

    /**
     * Reads an {@code ay} value. dbus-java hands byte arrays inside variants over as {@code byte[]}, {@code
     * Byte[]} or a list of bytes, depending on how they were unmarshalled.
     */
    static byte[] bytes(Variant<?> variant, String name) {
        if (!"ay".equals(variant.getSig())) {
            throw new InvalidArgs(name + " must be a byte array (ay), not " + variant.getSig());
        }
        Object value = variant.getValue();
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        java.util.List<?> list = value instanceof Object[] array
                ? java.util.Arrays.asList(array)
                : value instanceof java.util.List<?> items ? items : null;
        if (list == null) {
            throw new InvalidArgs(name + " must be a byte array (ay)");
        }
        byte[] bytes = new byte[list.size()];
        for (int i = 0; i < bytes.length; i++) {
            if (!(list.get(i) instanceof Byte b)) {
                throw new InvalidArgs(name + " must be a byte array (ay)");
            }
            bytes[i] = b;
        }
        return bytes;
    }

    /** Reads an {@code a{ss}} map, as sent for Attributes. */
    static Map<String, String> attributes(Object value, String name) {
        Object unwrapped = value instanceof Variant<?> variant ? variant.getValue() : value;
        if (!(unwrapped instanceof Map<?, ?> map)) {
            throw new InvalidArgs(name + " must be a string-to-string dictionary (a{ss})");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key) || !(entry.getValue() instanceof String text)) {
                throw new InvalidArgs(name + " must be a string-to-string dictionary (a{ss})");
            }
            attributes.put(key, text);
        }
        return attributes;
    }
}
