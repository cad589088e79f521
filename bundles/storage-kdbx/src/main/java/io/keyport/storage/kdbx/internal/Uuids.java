package io.keyport.storage.kdbx.internal;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

/** UUIDs as KDBX stores them: 16 big-endian bytes, base64 in the XML. Item ids are the same bytes as 32 hex digits. */
final class Uuids {

    private Uuids() {}

    static UUID fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    static byte[] toBytes(UUID uuid) {
        return ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
    }

    /** Returns the 16 bytes of a base64 UUID element text, or {@code null} when it is not one. */
    static byte[] fromBase64(String text) {
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(text.trim());
            return bytes.length == 16 ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String toBase64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Returns the item id of a base64 UUID text: 32 lower-case hex digits, or {@code null} if invalid. */
    static String idOf(String base64) {
        byte[] bytes = fromBase64(base64);
        return bytes == null ? null : Bytes.hex(bytes);
    }

    static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
