package io.keyport.storage.keyring.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The descriptions of Keyport's keys. Each collection is a {@code keyring} under the parent keyring; the keys in it
 * hold the collection record, one metadata record per item and the secrets.
 *
 * <pre>
 * keyring  keyport:collection:ENGINE:COLLECTION   one per collection, linked in the parent keyring
 *   user     keyport:info                         label, times and the next item id of the collection
 *   user     keyport:item:ITEM                    label, attributes, content type and times of an item
 *   user     keyport:secret:ITEM:GENERATION       the secret bytes, or a big_key of that description
 * </pre>
 *
 * The generation grows with every new secret of an item, so a new secret key can be written in full before the
 * metadata record points at it.
 */
final class KeyNames {

    static final String KEYRING_TYPE = "keyring";
    static final String USER_TYPE = "user";
    static final String BIG_KEY_TYPE = "big_key";

    static final String INFO = "keyport:info";

    private static final String COLLECTION_PREFIX = "keyport:collection:";
    private static final String ITEM_PREFIX = "keyport:item:";
    private static final String SECRET_PREFIX = "keyport:secret:";

    /** Collection ids, as the storage API allows them, with a length bound of Keyport's choice. */
    static final Pattern COLLECTION_ID = Pattern.compile("[A-Za-z0-9_]{1,128}");

    /** Engine names; the colon is left out because it separates the fields of a description. */
    static final Pattern ENGINE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private static final Pattern ITEM = Pattern.compile("keyport:item:([1-9][0-9]{0,17})");
    private static final Pattern SECRET = Pattern.compile("keyport:secret:([1-9][0-9]{0,17}):([1-9][0-9]{0,17})");

    private KeyNames() {}

    static String collection(String engineName, String collectionId) {
        return COLLECTION_PREFIX + engineName + ":" + collectionId;
    }

    /** Returns the collection id of one of this engine's collection keyrings, or {@code null} for another key. */
    static String collectionId(String engineName, KeyDescription key) {
        String prefix = COLLECTION_PREFIX + engineName + ":";
        if (!key.type().equals(KEYRING_TYPE) || !key.description().startsWith(prefix)) {
            return null;
        }
        String id = key.description().substring(prefix.length());
        return COLLECTION_ID.matcher(id).matches() ? id : null;
    }

    static String item(long itemId) {
        return ITEM_PREFIX + itemId;
    }

    static String secret(long itemId, long generation) {
        return SECRET_PREFIX + itemId + ":" + generation;
    }

    /** Returns the item id of a metadata key, or 0 when the key is something else. */
    static long itemId(KeyDescription key) {
        if (!key.type().equals(USER_TYPE)) {
            return 0;
        }
        Matcher matcher = ITEM.matcher(key.description());
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : 0;
    }

    /** Returns the item id and generation of a secret key, or {@code null} when the key is something else. */
    static SecretName secretName(KeyDescription key) {
        if (!key.type().equals(USER_TYPE) && !key.type().equals(BIG_KEY_TYPE)) {
            return null;
        }
        Matcher matcher = SECRET.matcher(key.description());
        if (!matcher.matches()) {
            return null;
        }
        return new SecretName(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)), key.type());
    }

    /** The parts of a secret key's description, with its key type. */
    record SecretName(long itemId, long generation, String type) {}
}
