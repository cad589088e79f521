package io.keyport.storage.keyring.internal;

import io.keyport.api.secret.SecretValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes the items of one collection so that a failed write leaves the item as it was. A new secret key is complete
 * before the metadata record points at it, and keys added by a write that then fails are discarded again. The caller
 * serializes the calls and keeps the index.
 */
final class ItemWrites {

    private final CollectionKeyring keyring;
    private final long expirySeconds;

    ItemWrites(CollectionKeyring keyring, long expirySeconds) {
        this.keyring = keyring;
        this.expirySeconds = expirySeconds;
    }

    /** Adds the secret key, then the metadata key, of a new item. */
    Written create(long itemId, String label, Map<String, String> attributes, SecretValue secret, long now) {
        long expires = expirySeconds > 0 ? now + expirySeconds : 0;
        byte[] bytes = secret.copyBytes();
        try {
            CollectionKeyring.SecretKey secretKey =
                    bytes.length == 0 ? null : keyring.addSecret(itemId, 1, bytes, expirySeconds);
            ItemRecord record = new ItemRecord(
                    now,
                    now,
                    expires,
                    secretKey == null ? 0 : 1,
                    type(secretKey),
                    secret.contentType(),
                    label,
                    attributes);
            int metadataKey;
            try {
                metadataKey = keyring.addMetadata(itemId, record, expirySeconds);
            } catch (RuntimeException e) {
                discard(secretKey);
                throw e;
            }
            StoredItem item = new StoredItem(itemId, metadataKey, serial(secretKey), record);
            return new Written(item, serials(metadataKey, serial(secretKey)), List.of());
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Gives an item a new secret, and a new label unless {@code newLabel} is {@code null}: adds the secret key of the
     * next generation, points the metadata record at it in one update, then discards the old secret key. The new
     * key expires with the item.
     */
    Written replaceSecret(StoredItem current, String newLabel, SecretValue secret, long now) {
        ItemRecord old = current.record();
        long timeout = old.expires() > 0 ? Math.max(1, old.expires() - now) : 0;
        byte[] bytes = secret.copyBytes();
        try {
            long generation = bytes.length == 0 ? 0 : old.generation() + 1;
            CollectionKeyring.SecretKey secretKey =
                    generation == 0 ? null : keyring.addSecret(current.id(), generation, bytes, timeout);
            ItemRecord record = old.withSecret(generation, type(secretKey), secret.contentType(), now);
            if (newLabel != null) {
                record = record.withLabel(newLabel, now);
            }
            try {
                keyring.updateMetadata(current.metadataKey(), record);
            } catch (RuntimeException e) {
                discard(secretKey);
                throw e;
            }
            if (current.secretKey() != 0) {
                keyring.discard(current.secretKey());
            }
            StoredItem item = new StoredItem(current.id(), current.metadataKey(), serial(secretKey), record);
            return new Written(item, serials(serial(secretKey)), serials(current.secretKey()));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Replaces the metadata record, for a new label or new attributes. */
    Written updateRecord(StoredItem current, ItemRecord record) {
        keyring.updateMetadata(current.metadataKey(), record);
        StoredItem item = new StoredItem(current.id(), current.metadataKey(), current.secretKey(), record);
        return new Written(item, List.of(), List.of());
    }

    /** Removes the metadata key, which ends the item, then discards the secret key. */
    List<Integer> delete(ItemIndex.ItemKeys keys) {
        keyring.remove(keys.metadataKey());
        if (keys.secretKey() != 0) {
            keyring.discard(keys.secretKey());
        }
        return serials(keys.metadataKey(), keys.secretKey());
    }

    private void discard(CollectionKeyring.SecretKey secretKey) {
        if (secretKey != null) {
            keyring.discard(secretKey.serial());
        }
    }

    private static String type(CollectionKeyring.SecretKey secretKey) {
        return secretKey == null ? KeyNames.USER_TYPE : secretKey.type();
    }

    private static int serial(CollectionKeyring.SecretKey secretKey) {
        return secretKey == null ? 0 : secretKey.serial();
    }

    /** Returns the non-zero serial numbers. */
    private static List<Integer> serials(int... serials) {
        List<Integer> list = new ArrayList<>();
        for (int serial : serials) {
            if (serial != 0) {
                list.add(serial);
            }
        }
        return list;
    }

    /**
     * The outcome of a write.
     *
     * @param item the item as it is now stored
     * @param added the serial numbers the write linked into the collection keyring
     * @param removed the serial numbers it removed
     */
    record Written(StoredItem item, List<Integer> added, List<Integer> removed) {}
}
