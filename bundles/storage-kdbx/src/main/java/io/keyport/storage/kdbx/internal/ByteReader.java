package io.keyport.storage.kdbx.internal;

import java.util.Arrays;

/** Reads little-endian integers and byte runs from an array, rejecting reads past its end as malformed. */
final class ByteReader {

    private final byte[] data;
    private final int end;
    private final String description;
    private int position;

    ByteReader(byte[] data, String description) {
        this(data, 0, data.length, description);
    }

    ByteReader(byte[] data, int offset, int end, String description) {
        this.data = data;
        this.position = offset;
        this.end = end;
        this.description = description;
    }

    int position() {
        return position;
    }

    int remaining() {
        return end - position;
    }

    int u8() throws KdbxException {
        require(1);
        return data[position++] & 0xFF;
    }

    int u16() throws KdbxException {
        require(2);
        int value = (data[position] & 0xFF) | (data[position + 1] & 0xFF) << 8;
        position += 2;
        return value;
    }

    int i32() throws KdbxException {
        require(4);
        int value = Bytes.readInt(data, position);
        position += 4;
        return value;
    }

    /** Reads a non-negative i32 length that fits in the remaining bytes. */
    int length() throws KdbxException {
        int length = i32();
        if (length < 0 || length > remaining()) {
            throw KdbxException.malformed(description + " has a length of " + Integer.toUnsignedString(length)
                    + " at byte " + (position - 4) + " but only " + remaining() + " bytes follow");
        }
        return length;
    }

    long i64() throws KdbxException {
        require(8);
        long value = Bytes.readLong(data, position);
        position += 8;
        return value;
    }

    byte[] bytes(int count) throws KdbxException {
        require(count);
        byte[] value = Arrays.copyOfRange(data, position, position + count);
        position += count;
        return value;
    }

    private void require(int count) throws KdbxException {
        if (count < 0 || count > end - position) {
            throw KdbxException.malformed(
                    description + " ends early at byte " + position + ": " + count + " more bytes needed");
        }
    }
}
