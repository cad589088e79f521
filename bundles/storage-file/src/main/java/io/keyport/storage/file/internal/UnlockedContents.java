package io.keyport.storage.file.internal;

import io.keyport.api.crypto.Aead;
import io.keyport.api.crypto.InvalidCiphertextException;
import io.keyport.storage.file.internal.JournalRecord.ItemPut;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The in-memory state of an unlocked collection: the data key, and the label, attributes and content type of each
 * item read since the unlock. Secrets stay sealed and are decrypted per read. Not thread-safe, so the collection's
 * monitor guards it.
 */
final class UnlockedContents {

    /** The clear fields of an item that reads return without decrypting again. */
    record ClearItem(String label, Map<String, String> attributes, String contentType) {

        static ClearItem of(ItemPayload payload) {
            return new ClearItem(payload.label(), payload.attributes(), payload.contentType());
        }

        @Override
        public String toString() {
            return "ClearItem[<redacted>]";
        }
    }

    private final Aead aead;
    private final byte[] collectionUuid;
    private final byte[] dataKey;
    private final Map<String, ClearItem> items = new HashMap<>();

    private UnlockedContents(Aead aead, byte[] collectionUuid, byte[] dataKey) {
        this.aead = aead;
        this.collectionUuid = collectionUuid;
        this.dataKey = dataKey;
    }

    /** Takes ownership of {@code dataKey}, which the caller unwrapped with the passphrase. */
    static UnlockedContents open(Aead aead, byte[] collectionUuid, byte[] dataKey) {
        return new UnlockedContents(aead, collectionUuid, dataKey);
    }

    /**
     * Returns an item's clear fields, decrypting its record on first use. Decrypting on use rather than at unlock
     * keeps unlock time independent of the collection's size.
     *
     * @throws MalformedDataException if the record does not decrypt or decode
     */
    ClearItem clear(ItemPut record) {
        ClearItem clear = items.get(record.id());
        if (clear == null) {
            ItemPayload payload = decrypt(record);
            clear = ClearItem.of(payload);
            payload.wipe();
            items.put(record.id(), clear);
        }
        return clear;
    }

    void put(String id, ClearItem item) {
        items.put(id, item);
    }

    void remove(String id) {
        items.remove(id);
    }

    /** Decrypts an item's payload, secret included; the caller wipes it. */
    ItemPayload decrypt(ItemPut record) {
        byte[] associatedData =
                ItemPut.associatedData(collectionUuid, record.id(), record.created(), record.modified(), record.tags());
        byte[] clear;
        try {
            clear = aead.decrypt(dataKey, record.sealedPayload(), associatedData);
        } catch (InvalidCiphertextException e) {
            throw new MalformedDataException("item " + record.id() + " does not decrypt, so its record was modified");
        }
        try {
            return ItemPayload.decode(clear);
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    /** Builds the record that stores {@code payload} with the given clear fields. */
    ItemPut seal(String id, long created, long modified, java.util.List<AttributeTag> tags, ItemPayload payload) {
        byte[] clear = payload.encode();
        try {
            byte[] associatedData = ItemPut.associatedData(collectionUuid, id, created, modified, tags);
            return new ItemPut(id, created, modified, tags, aead.encrypt(dataKey, clear, associatedData));
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    /** Returns the data key itself, for wrapping it under a new passphrase; the caller must not keep it. */
    byte[] dataKey() {
        return dataKey;
    }

    /** Fills the data key with zeros and drops the clear fields. */
    void wipe() {
        Arrays.fill(dataKey, (byte) 0);
        items.clear();
    }
}
