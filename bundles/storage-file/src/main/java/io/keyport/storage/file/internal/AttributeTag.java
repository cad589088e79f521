package io.keyport.storage.file.internal;

import java.util.Arrays;

/** The HMAC-SHA256 of one attribute name and value, which is what the store keeps and searches instead of them. */
final class AttributeTag implements Comparable<AttributeTag> {

    private final byte[] bytes;
    private final int hash;

    AttributeTag(byte[] bytes) {
        if (bytes.length != FileFormat.TAG_LENGTH) {
            throw new IllegalArgumentException(
                    "An attribute tag has " + FileFormat.TAG_LENGTH + " bytes, not " + bytes.length);
        }
        this.bytes = bytes.clone();
        this.hash = Arrays.hashCode(bytes);
    }

    byte[] bytes() {
        return bytes.clone();
    }

    void writeTo(BinaryWriter writer) {
        writer.writeBytes(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AttributeTag tag && Arrays.equals(bytes, tag.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(AttributeTag other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    /** Returns a fixed text: tags are not secret, but printing them would only invite guessing attacks in logs. */
    @Override
    public String toString() {
        return "AttributeTag[<redacted>]";
    }
}
