package io.keyport.storage.keyring.internal;

import io.keyport.api.storage.StorageException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel side of one collection: its keyring and the keys in it. Every change adds a complete key or replaces
 * a payload in one KEYCTL_UPDATE, and a key added by a change that then fails is invalidated again, so an
 * interrupted change leaves the old state or the new one. The caller serializes the calls for one collection.
 */
final class CollectionKeyring {

    private static final Logger LOG = LoggerFactory.getLogger(CollectionKeyring.class);

    private final KernelKeys keys;
    private final SecretKeyTypes secretTypes;
    private final String collectionId;
    private final int serial;
    private final int parent;
    private int infoKey;

    CollectionKeyring(KernelKeys keys, SecretKeyTypes secretTypes, String collectionId, int serial, int parent) {
        this.keys = keys;
        this.secretTypes = secretTypes;
        this.collectionId = collectionId;
        this.serial = serial;
        this.parent = parent;
    }

    /**
     * Creates the keyring of a new collection in {@code parent} with its info key. When the info key cannot be
     * added, the new keyring is discarded again.
     */
    static CollectionKeyring create(
            KernelKeys keys,
            SecretKeyTypes secretTypes,
            int parent,
            String engineName,
            String collectionId,
            CollectionRecord record) {
        String description = KeyNames.collection(engineName, collectionId);
        int keyring = keys.add(KeyNames.KEYRING_TYPE, description, null, parent, 0);
        CollectionKeyring created = new CollectionKeyring(keys, secretTypes, collectionId, keyring, parent);
        try {
            created.writeInfo(record);
            return created;
        } catch (RuntimeException e) {
            keys.discard(keyring, parent);
            throw e;
        }
    }

    int serial() {
        return serial;
    }

    /** Returns the serial numbers of the keys linked in the collection keyring. */
    int[] list() {
        return keys.keyctl().readKeyring(serial);
    }

    /** Reads every key in the collection keyring and removes what interrupted changes and expiry left. */
    CollectionContents load() {
        CollectionContents contents = new CollectionLoader(keys.keyctl(), this, collectionId).load();
        infoKey = contents.infoKey();
        return contents;
    }

    /**
     * Adds the key of a new secret, of {@code big_key} type where the size calls for it and the kernel has it, and
     * sets its timeout.
     *
     * @param timeoutSeconds the key's timeout, or 0 for none
     * @throws StorageException if the secret is too large for the key types this kernel has, or a call failed
     */
    SecretKey addSecret(long itemId, long generation, byte[] secret, long timeoutSeconds) {
        if (secret.length > KeyctlSyscalls.BIG_KEY_PAYLOAD_MAX) {
            throw new StorageException("The secret is " + secret.length + " bytes, more than the "
                    + KeyctlSyscalls.BIG_KEY_PAYLOAD_MAX + " bytes that a kernel key holds");
        }
        String description = KeyNames.secret(itemId, generation);
        // NOTE: only the ENODEV fallback below ran in Keyport's tests, on a kernel without big_key.
        if (secretTypes.preferBigKey(secret.length)) {
            try {
                int key = keys.add(KeyNames.BIG_KEY_TYPE, description, secret, serial, timeoutSeconds);
                return new SecretKey(key, KeyNames.BIG_KEY_TYPE);
            } catch (KeyctlException e) {
                if (e.errno() != Errno.ENODEV) {
                    throw e;
                }
                secretTypes.bigKeyMissing();
            }
        }
        if (secret.length > KeyctlSyscalls.USER_PAYLOAD_MAX) {
            throw new StorageException("The secret is " + secret.length + " bytes, more than the "
                    + KeyctlSyscalls.USER_PAYLOAD_MAX + " bytes of a user key, and this kernel has no big_key key"
                    + " type (CONFIG_BIG_KEYS) for larger secrets");
        }
        int key = keys.add(KeyNames.USER_TYPE, description, secret, serial, timeoutSeconds);
        return new SecretKey(key, KeyNames.USER_TYPE);
    }

    /** Adds the metadata key of a new item and sets its timeout. */
    int addMetadata(long itemId, ItemRecord record, long timeoutSeconds) {
        return keys.add(KeyNames.USER_TYPE, KeyNames.item(itemId), record.encode(), serial, timeoutSeconds);
    }

    /** Replaces an item's metadata record in one step. */
    void updateMetadata(int key, ItemRecord record) {
        keys.keyctl().update(key, record.encode());
    }

    /**
     * Reads an item's metadata record.
     *
     * @throws StorageException if the payload is not a valid record
     */
    ItemRecord readMetadata(int key) {
        byte[] payload = keys.keyctl().read(key);
        try {
            return ItemRecord.decode(payload);
        } catch (MalformedRecordException e) {
            throw new StorageException(
                    "Metadata key " + key + " of collection " + collectionId + " is invalid: " + e.getMessage());
        }
    }

    /** Returns a copy of a secret key's payload, which the caller owns and wipes. */
    byte[] readSecret(int key) {
        return keys.keyctl().read(key);
    }

    /** Replaces the collection record, or adds the info key when it is missing. */
    void writeInfo(CollectionRecord record) {
        if (infoKey != 0) {
            try {
                keys.keyctl().update(infoKey, record.encode());
                return;
            } catch (KeyctlException e) {
                if (!e.mayBeGone()) {
                    throw e;
                }
                LOG.warn("The info key of collection {} vanished; adding it again", collectionId);
            }
        }
        infoKey = keys.add(KeyNames.USER_TYPE, KeyNames.INFO, record.encode(), serial, 0);
    }

    /** Removes a key that must not survive, such as the metadata key of a deleted item; see {@link KernelKeys#remove}. */
    void remove(int key) {
        keys.remove(key, serial);
    }

    /** Invalidates a key of this collection and unlinks it, logging failures only; see {@link KernelKeys#discard}. */
    void discard(int key) {
        keys.discard(key, serial);
    }

    /** Invalidates every key of the collection, then the collection keyring, and unlinks it from the parent. */
    void destroy() {
        int[] linked;
        try {
            linked = list();
        } catch (KeyctlException e) {
            if (!e.mayBeGone()) {
                throw e;
            }
            linked = new int[0];
        }
        Arrays.stream(linked).forEach(this::discard);
        keys.discard(serial, parent);
    }

    /** A secret's key: its serial number and type. */
    record SecretKey(int serial, String type) {}
}
