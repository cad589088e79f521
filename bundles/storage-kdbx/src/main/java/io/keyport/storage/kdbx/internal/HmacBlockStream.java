package io.keyport.storage.kdbx.internal;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * KDBX 4's HMAC block stream around the ciphertext: blocks of HMAC-SHA256 (32 bytes), size i32 and data, where
 * the HMAC of block i covers u64 i, the size and the data under the key SHA-512(u64 i || HMAC base key). An
 * empty block ends the stream. Every block is verified before anything is decrypted.
 */
final class HmacBlockStream {

    /** KeePassXC writes 1 MiB blocks. */
    static final int BLOCK_SIZE = 1024 * 1024;

    /** The header HMAC uses the block key of index 2^64 - 1. */
    static final long HEADER_INDEX = -1L;

    private HmacBlockStream() {}

    /** Returns the HMAC base key: SHA-512(master seed || transformed key || 0x01). */
    static byte[] baseKey(byte[] masterSeed, byte[] transformedKey) {
        return Bytes.sha512(masterSeed, transformedKey, new byte[] {1});
    }

    static byte[] hmac(byte[] baseKey, long index, byte[]... parts) {
        byte[] blockKey = Bytes.sha512(Bytes.int64(index), baseKey);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(blockKey, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from the Java runtime", e);
        } finally {
            Bytes.wipe(blockKey);
        }
    }

    /**
     * Verifies every block and returns the ciphertext they carry.
     *
     * @throws KdbxException of kind MALFORMED when a block fails its HMAC or the stream is cut short
     */
    static byte[] read(byte[] file, int offset, byte[] baseKey) throws KdbxException {
        ByteReader reader = new ByteReader(file, offset, file.length, "HMAC block stream");
        ByteArrayOutputStream output = new ByteArrayOutputStream(Math.max(0, file.length - offset));
        for (long index = 0; ; index++) {
            byte[] expected = reader.bytes(32);
            int size = reader.length();
            byte[] data = reader.bytes(size);
            byte[] actual = hmac(baseKey, index, Bytes.int64(index), Bytes.int32(size), data);
            if (!MessageDigest.isEqual(expected, actual)) {
                throw KdbxException.malformed(
                        "block " + index + " of the payload fails its HMAC check, so the" + " file is damaged");
            }
            if (size == 0) {
                return output.toByteArray();
            }
            output.writeBytes(data);
        }
    }

    static byte[] write(byte[] ciphertext, byte[] baseKey) {
        ByteArrayOutputStream output = new ByteArrayOutputStream(ciphertext.length + ciphertext.length / 1000 + 80);
        long index = 0;
        int position = 0;
        while (true) {
            int size = Math.min(BLOCK_SIZE, ciphertext.length - position);
            byte[] data = java.util.Arrays.copyOfRange(ciphertext, position, position + size);
            output.writeBytes(hmac(baseKey, index, Bytes.int64(index), Bytes.int32(size), data));
            Bytes.writeInt(output, size);
            output.writeBytes(data);
            if (size == 0) {
                return output.toByteArray();
            }
            position += size;
            index++;
        }
    }
}
