package io.keyport.storage.file.internal;

import io.keyport.api.crypto.Aead;
import io.keyport.api.crypto.InvalidCiphertextException;
import io.keyport.api.crypto.KeyDerivation;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of one collection that work without its passphrase. HKDF-SHA256 derives them from the store's attribute
 * key and the collection uuid. They are the HMAC key for attribute tags, the key that seals the collection label,
 * and a check value that shows whether the attribute key file belongs to this collection.
 */
final class AttributeKeys {

    private static final byte[] TAG_INFO = "keyport file store v1 attribute tag".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LABEL_INFO =
            "keyport file store v1 collection label".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHECK_INFO =
            "keyport file store v1 attribute key check".getBytes(StandardCharsets.US_ASCII);

    private final Aead aead;
    private final byte[] tagKey;
    private final byte[] labelKey;
    private final byte[] keyCheck;

    AttributeKeys(KeyDerivation kdf, Aead aead, byte[] attributeKey, byte[] collectionUuid) {
        this.aead = aead;
        this.tagKey = kdf.hkdfSha256(attributeKey, collectionUuid, TAG_INFO, FileFormat.KEY_LENGTH);
        this.labelKey = kdf.hkdfSha256(attributeKey, collectionUuid, LABEL_INFO, FileFormat.KEY_LENGTH);
        this.keyCheck = kdf.hkdfSha256(attributeKey, collectionUuid, CHECK_INFO, FileFormat.KEY_CHECK_LENGTH);
    }

    byte[] keyCheck() {
        return keyCheck.clone();
    }

    /**
     * Returns the sorted tags of an attribute set. Each tag is HMAC-SHA256 over the name's UTF-8 length as 4 bytes
     * big-endian, the name and the value, so that no two name and value pairs share an input.
     */
    List<AttributeTag> tags(Map<String, String> attributes) {
        if (attributes.size() > FileFormat.MAX_ATTRIBUTES) {
            throw new IllegalArgumentException(
                    "An item can have at most " + FileFormat.MAX_ATTRIBUTES + " attributes, not " + attributes.size());
        }
        Mac mac = newMac();
        List<AttributeTag> tags = new ArrayList<>(attributes.size());
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            byte[] name = attribute.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = attribute.getValue().getBytes(StandardCharsets.UTF_8);
            mac.update(new BinaryWriter(4).writeInt(name.length).toByteArray());
            mac.update(name);
            mac.update(value);
            tags.add(new AttributeTag(mac.doFinal()));
            Arrays.fill(value, (byte) 0);
        }
        Collections.sort(tags);
        return List.copyOf(tags);
    }
    /** Returns the metadata record for a label, sealed under the label key. */
    JournalRecord.CollectionMeta sealLabel(byte[] collectionUuid, long modified, long lastItemNumber, String label) {
        byte[] clear = label.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] associatedData =
                    JournalRecord.CollectionMeta.associatedData(collectionUuid, modified, lastItemNumber);
            return new JournalRecord.CollectionMeta(
                    modified, lastItemNumber, aead.encrypt(labelKey, clear, associatedData));
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    /** Opens a sealed collection label; an authentication failure means the file or the attribute key is wrong. */
    String openLabel(byte[] collectionUuid, JournalRecord.CollectionMeta meta) {
        byte[] clear;
        try {
            clear = aead.decrypt(
                    labelKey,
                    meta.sealedLabel(),
                    JournalRecord.CollectionMeta.associatedData(
                            collectionUuid, meta.modified(), meta.lastItemNumber()));
        } catch (InvalidCiphertextException e) {
            throw new MalformedDataException("the collection label does not decrypt under the attribute key");
        }
        try {
            return new String(clear, StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    /** Fills the keys with zeros when the collection is closed. */
    void wipe() {
        Arrays.fill(tagKey, (byte) 0);
        Arrays.fill(labelKey, (byte) 0);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(tagKey, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this Java runtime", e);
        }
    }
}
