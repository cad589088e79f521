package io.keyport.storage.keyring.internal;

import io.keyport.api.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The payload of an item's metadata key ({@code keyport:item:ITEM}). Version 1, big-endian:
 *
 * <pre>
 * 4 bytes   "KPI" and the version byte 1
 * int64     created, seconds since the Unix epoch
 * int64     modified, seconds since the Unix epoch
 * int64     expires, seconds since the Unix epoch, or 0 for no expiry
 * int64     generation of the secret key, or 0 for an empty secret, which has no key
 * uint8     type of the secret key: 0 user, 1 big_key
 * string    content type
 * string    label
 * uint16    number of attributes, then each name and value as strings, sorted by name
 * </pre>
 *
 * A string is a uint16 byte length and that many bytes of UTF-8.
 *
 * @param attributes the lookup attributes, an unmodifiable copy
 */
record ItemRecord(
        long created,
        long modified,
        long expires,
        long generation,
        String secretType,
        String contentType,
        String label,
        Map<String, String> attributes) {

    private static final byte[] HEADER = {'K', 'P', 'I', 1};

    ItemRecord {
        attributes = Map.copyOf(attributes);
        if (!secretType.equals(KeyNames.USER_TYPE) && !secretType.equals(KeyNames.BIG_KEY_TYPE)) {
            throw new IllegalArgumentException("Secret key type must be user or big_key: " + secretType);
        }
    }

    ItemRecord withLabel(String newLabel, long now) {
        return new ItemRecord(created, now, expires, generation, secretType, contentType, newLabel, attributes);
    }

    ItemRecord withAttributes(Map<String, String> newAttributes, long now) {
        return new ItemRecord(created, now, expires, generation, secretType, contentType, label, newAttributes);
    }

    ItemRecord withSecret(long newGeneration, String newSecretType, String newContentType, long now) {
        return new ItemRecord(created, now, expires, newGeneration, newSecretType, newContentType, label, attributes);
    }

    /** Returns {@code true} when the attributes contain every name and value of {@code query}. */
    boolean matches(Map<String, String> query) {
        return attributes.entrySet().containsAll(query.entrySet());
    }

    /**
     * Encodes the record.
     *
     * @throws StorageException if a string or the whole record is too large for a {@code user} key
     */
    byte[] encode() {
        RecordWriter writer = new RecordWriter()
                .bytes(HEADER)
                .i64(created)
                .i64(modified)
                .i64(expires)
                .i64(generation)
                .u8(secretType.equals(KeyNames.BIG_KEY_TYPE) ? 1 : 0)
                .string("content type", contentType)
                .string("label", label)
                .u16(checkedCount(attributes.size()));
        for (Map.Entry<String, String> attribute : new TreeMap<>(attributes).entrySet()) {
            writer.string("attribute name", attribute.getKey()).string("attribute value", attribute.getValue());
        }
        if (writer.size() > KeyctlSyscalls.USER_PAYLOAD_MAX) {
            throw new StorageException("The item's label, attributes and content type take " + writer.size()
                    + " bytes, more than the " + KeyctlSyscalls.USER_PAYLOAD_MAX + " bytes of a user key");
        }
        return writer.toByteArray();
    }

    /** Decodes a record, checking every field. */
    static ItemRecord decode(byte[] payload) throws MalformedRecordException {
        RecordReader reader = new RecordReader(payload);
        reader.expectHeader(HEADER);
        long created = reader.i64();
        long modified = reader.i64();
        long expires = reader.i64();
        long generation = reader.i64();
        int type = reader.u8();
        if (type > 1 || generation < 0 || created < 0 || modified < 0 || expires < 0) {
            throw new MalformedRecordException("invalid secret key type, generation or time");
        }
        String contentType = reader.string("content type");
        String label = reader.string("label");
        int count = reader.u16();
        Map<String, String> attributes = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String name = reader.string("attribute name");
            String value = reader.string("attribute value");
            if (attributes.put(name, value) != null) {
                throw new MalformedRecordException("an attribute name appears twice");
            }
        }
        reader.expectEnd();
        String secretType = type == 1 ? KeyNames.BIG_KEY_TYPE : KeyNames.USER_TYPE;
        return new ItemRecord(created, modified, expires, generation, secretType, contentType, label, attributes);
    }

    private static int checkedCount(int count) {
        if (count > 0xFFFF) {
            throw new StorageException(
                    "An item has " + count + " attributes, more than the 65535 that fit in a record");
        }
        return count;
    }

    /** Prints the times and generation only: the label and the attribute values are not for logs. */
    @Override
    public String toString() {
        return "ItemRecord[created=" + created + ", modified=" + modified + ", expires=" + expires + ", generation="
                + generation + ", secretType=" + secretType + ", attributes=" + attributes.size() + ", labelBytes="
                + label.getBytes(StandardCharsets.UTF_8).length + "]";
    }
}
