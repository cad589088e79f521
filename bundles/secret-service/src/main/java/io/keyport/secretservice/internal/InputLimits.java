package io.keyport.secretservice.internal;

import java.util.Map;
import org.freedesktop.DBus.Error.InvalidArgs;

/**
 * The size limits on labels and attributes that clients send, checked before anything reaches a storage engine.
 * Sizes are counted in Java characters (UTF-16 code units). A rejection names the limit and the size, never the
 * label or the value.
 */
final class InputLimits {

    /** Maximum length of an item or collection label. */
    static final int MAX_LABEL_CHARS = 4096;

    /** Maximum length of one attribute name. */
    static final int MAX_ATTRIBUTE_NAME_CHARS = 1024;

    /** Maximum length of one attribute value. */
    static final int MAX_ATTRIBUTE_VALUE_CHARS = 4096;

    /** Maximum number of attributes of an item or a search query, the same as the file store's format limit. */
    static final int MAX_ATTRIBUTES = 1024;

    /** Maximum length of all attribute names and values of an item or a search query together. */
    static final int MAX_ATTRIBUTES_TOTAL_CHARS = 65536;

    private InputLimits() {}

    /**
     * Rejects a label above {@link #MAX_LABEL_CHARS}.
     *
     * @param name what the label belongs to, such as {@code Label}
     * @throws InvalidArgs naming the length and the limit
     */
    static void checkLabel(String label, String name) {
        if (label.length() > MAX_LABEL_CHARS) {
            throw new InvalidArgs(name + " is " + label.length() + " characters long, more than the limit of "
                    + MAX_LABEL_CHARS + " characters");
        }
    }

    /**
     * Rejects attributes above any of the limits on their number, the length of a name or a value, and their
     * total length.
     *
     * @param name what the attributes are, such as {@code Attributes} or {@code the search query}
     * @throws InvalidArgs naming the limit that was exceeded and the size
     */
    static void checkAttributes(Map<String, String> attributes, String name) {
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new InvalidArgs(name + " has " + attributes.size() + " attributes, more than the limit of "
                    + MAX_ATTRIBUTES + " attributes");
        }
        long total = 0;
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            String key = attribute.getKey();
            if (key.length() > MAX_ATTRIBUTE_NAME_CHARS) {
                throw new InvalidArgs(name + " has an attribute name of " + key.length()
                        + " characters, more than the limit of " + MAX_ATTRIBUTE_NAME_CHARS + " characters");
            }
            String value = attribute.getValue();
            if (value.length() > MAX_ATTRIBUTE_VALUE_CHARS) {
                throw new InvalidArgs(name + " has a value of " + value.length() + " characters for attribute " + key
                        + ", more than the limit of " + MAX_ATTRIBUTE_VALUE_CHARS + " characters");
            }
            total += key.length() + value.length();
        }
        if (total > MAX_ATTRIBUTES_TOTAL_CHARS) {
            throw new InvalidArgs(name + " has attribute names and values of " + total
                    + " characters in total, more than the limit of " + MAX_ATTRIBUTES_TOTAL_CHARS + " characters");
        }
    }
}
