package io.keyport.secretservice.internal;

import java.util.Optional;
import java.util.regex.Pattern;
import org.freedesktop.dbus.DBusPath;

/** The object paths of the Secret Service API and their parsing. */
final class ObjectPaths {

    static final String SERVICE = "/org/freedesktop/secrets";
    static final String COLLECTIONS = SERVICE + "/collection";
    static final String ALIASES = SERVICE + "/aliases";
    static final String SESSIONS = SERVICE + "/session";
    static final String PROMPTS = SERVICE + "/prompt";

    /** The path that means "no object" in the Secret Service API. */
    static final DBusPath NONE = new DBusPath("/");

    private static final Pattern ELEMENT = Pattern.compile("[A-Za-z0-9_]+");

    private ObjectPaths() {}

    static boolean isValidElement(String element) {
        return element != null && ELEMENT.matcher(element).matches();
    }

    static String collection(String collectionId) {
        return COLLECTIONS + "/" + collectionId;
    }

    static String item(String collectionId, String itemId) {
        return COLLECTIONS + "/" + collectionId + "/" + itemId;
    }

    static String alias(String name) {
        return ALIASES + "/" + name;
    }

    /**
     * Parses a collection or item path, or an alias path, whose alias is resolved by the caller.
     * Returns empty for any other path.
     */
    static Optional<Target> parse(String path) {
        String rest;
        boolean alias;
        if (path.startsWith(COLLECTIONS + "/")) {
            rest = path.substring(COLLECTIONS.length() + 1);
            alias = false;
        } else if (path.startsWith(ALIASES + "/")) {
            rest = path.substring(ALIASES.length() + 1);
            alias = true;
        } else {
            return Optional.empty();
        }
        String[] elements = rest.split("/", -1);
        if (elements.length > 2 || !isValidElement(elements[0])) {
            return Optional.empty();
        }
        if (elements.length == 2 && !isValidElement(elements[1])) {
            return Optional.empty();
        }
        return Optional.of(new Target(alias, elements[0], elements.length == 2 ? elements[1] : null));
    }

    /**
     * A parsed path: a collection (or an alias naming one) and, for an item path, the item id.
     *
     * @param alias whether {@code collection} is an alias name rather than a collection id
     */
    record Target(boolean alias, String collection, String itemId) {

        boolean isItem() {
            return itemId != null;
        }
    }
}
