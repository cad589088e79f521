package io.keyport.storage.kdbx.internal;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * KDBX 3.x's hashed block stream inside the encryption: blocks of index u32, SHA-256 of the data, size i32 and
 * data. A block of size 0 with an all-zero hash ends the stream.
 */
final class HashedBlockStream {

    static final int BLOCK_SIZE = 1024 * 1024;

    private HashedBlockStream() {}

    /** Verifies every block from {@code offset} on and returns their data. */
    static byte[] read(byte[] plain, int offset) throws KdbxException {
        ByteReader reader = new ByteReader(plain, offset, plain.length, "hashed block stream");
        ByteArrayOutputStream output = new ByteArrayOutputStream(Math.max(0, plain.length - offset));
        for (long expectedIndex = 0; ; expectedIndex++) {
            long index = reader.i32() & 0xFFFFFFFFL;
            byte[] hash = reader.bytes(32);
            int size = reader.length();
            if (index != expectedIndex) {
                throw KdbxException.malformed("hashed block " + index + " appears where block " + expectedIndex
                        + " is expected, so the file is damaged");
            }
            if (size == 0) {
                if (!Uuids.isZero(hash)) {
                    throw KdbxException.malformed("the final hashed block has a non-zero hash");
                }
                return output.toByteArray();
            }
            byte[] data = reader.bytes(size);
            if (!MessageDigest.isEqual(hash, Bytes.sha256(data))) {
                throw KdbxException.malformed(
                        "hashed block " + index + " fails its SHA-256 check, so the file is" + " damaged");
            }
            output.writeBytes(data);
        }
    }

    static byte[] write(byte[] data) {
        ByteArrayOutputStream output = new ByteArrayOutputStream(data.length + data.length / 1000 + 80);
        int index = 0;
        int position = 0;
        while (position < data.length) {
            int size = Math.min(BLOCK_SIZE, data.length - position);
            byte[] block = Arrays.copyOfRange(data, position, position + size);
            Bytes.writeInt(output, index++);
            output.writeBytes(Bytes.sha256(block));
            Bytes.writeInt(output, size);
            output.writeBytes(block);
            position += size;
        }
        Bytes.writeInt(output, index);
        output.writeBytes(new byte[32]);
        Bytes.writeInt(output, 0);
        return output.toByteArray();
    }
}
