package io.keyport.storage.keyring.internal;

import io.keyport.api.storage.StorageException;

/**
 * A key's description as KEYCTL_DESCRIBE returns it: {@code type;uid;gid;perm;description}, with the permissions in
 * hexadecimal.
 *
 * @param type the key type, such as {@code user}, {@code big_key} or {@code keyring}
 * @param uid the owner's user id
 * @param gid the group id
 * @param permissions the permission mask: possessor, user, group and other, one byte each from the top
 * @param description the description that add_key set
 */
record KeyDescription(String type, int uid, int gid, int permissions, String description) {

    /**
     * Parses the text of KEYCTL_DESCRIBE without its terminating NUL.
     *
     * @throws StorageException if the text does not have five fields
     */
    static KeyDescription parse(String text) {
        String[] fields = text.split(";", 5);
        if (fields.length != 5) {
            throw new StorageException("keyctl describe returned " + fields.length + " fields, not 5");
        }
        try {
            return new KeyDescription(
                    fields[0],
                    Integer.parseUnsignedInt(fields[1]),
                    Integer.parseUnsignedInt(fields[2]),
                    Integer.parseUnsignedInt(fields[3], 16),
                    fields[4]);
        } catch (NumberFormatException e) {
            throw new StorageException("keyctl describe returned an invalid uid, gid or permission mask", e);
        }
    }
}
