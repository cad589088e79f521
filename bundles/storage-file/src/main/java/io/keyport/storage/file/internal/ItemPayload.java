package io.keyport.storage.file.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The encrypted part of an item: label, attributes, content type and secret. The secret array belongs to the
 * payload, and {@link #wipe()} fills it with zeros.
 */
final class ItemPayload {

    private static final int PAYLOAD_VERSION = 1;

    private final String label;
    private final Map<String, String> attributes;
    private final String contentType;
    private final byte[] secret;

    ItemPayload(String label, Map<String, String> attributes, String contentType, byte[] secret) {
        this.label = label;
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        this.contentType = contentType;
        this.secret = secret;
    }

    String label() {
        return label;
    }

    Map<String, String> attributes() {
        return attributes;
    }

    String contentType() {
        return contentType;
    }

    /** Returns the secret array itself, not a copy: the caller must not keep it past {@link #wipe()}. */
    byte[] secret() {
        return secret;
    }

    /** Encodes the payload; the caller wipes the returned array once it is sealed. */
    byte[] encode() {
        BinaryWriter writer = new BinaryWriter(64 + secret.length);
        try {
            writer.writeByte(PAYLOAD_VERSION)
                    .writeUtf8(label)
                    .writeUtf8(contentType)
                    .writeShort(attributes.size());
            for (Map.Entry<String, String> attribute : attributes.entrySet()) {
                writer.writeUtf8(attribute.getKey()).writeUtf8(attribute.getValue());
            }
            writer.writeIntLengthBytes(secret);
            return writer.toByteArray();
        } finally {
            writer.wipe();
        }
    }

    /** Decodes a payload; the caller still wipes {@code bytes}. */
    static ItemPayload decode(byte[] bytes) {
        BinaryReader reader = new BinaryReader(bytes);
        int version = reader.readUnsignedByte();
        if (version != PAYLOAD_VERSION) {
            throw new MalformedDataException("item payload version " + version + " is not " + PAYLOAD_VERSION);
        }
        String label = reader.readUtf8(FileFormat.MAX_RECORD_LENGTH);
        String contentType = reader.readUtf8(FileFormat.MAX_RECORD_LENGTH);
        int count = reader.readUnsignedShort();
        if (count > FileFormat.MAX_ATTRIBUTES) {
            throw new MalformedDataException(
                    "an item payload has " + count + " attributes, more than " + FileFormat.MAX_ATTRIBUTES);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            attributes.put(
                    reader.readUtf8(FileFormat.MAX_RECORD_LENGTH), reader.readUtf8(FileFormat.MAX_RECORD_LENGTH));
        }
        byte[] secret = reader.readIntLengthBytes(FileFormat.MAX_RECORD_LENGTH);
        reader.expectEnd();
        return new ItemPayload(label, attributes, contentType, secret);
    }

    void wipe() {
        Arrays.fill(secret, (byte) 0);
    }

    @Override
    public String toString() {
        return "ItemPayload[<redacted>]";
    }
}
