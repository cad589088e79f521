package io.keyport.storage.file.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable big-endian byte buffer for the file format, which wipes every buffer it drops. */
final class BinaryWriter {

    private byte[] buffer;
    private int size;

    BinaryWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    int size() {
        return size;
    }

    BinaryWriter writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    BinaryWriter writeShort(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("Value does not fit in an unsigned 16-bit field: " + value);
        }
        ensure(2);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    BinaryWriter writeInt(int value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    BinaryWriter writeLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    BinaryWriter writeBytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
        return this;
    }

    /** Writes a length byte and then the bytes, for fields of at most 255 bytes. */
    BinaryWriter writeByteLengthBytes(byte[] bytes) {
        if (bytes.length > 0xFF) {
            throw new IllegalArgumentException("Field is longer than 255 bytes: " + bytes.length);
        }
        writeByte(bytes.length);
        return writeBytes(bytes);
    }

    /** Writes a 32-bit length and then the bytes. */
    BinaryWriter writeIntLengthBytes(byte[] bytes) {
        writeInt(bytes.length);
        return writeBytes(bytes);
    }

    /** Writes a 32-bit length and then the UTF-8 encoding of {@code text}. */
    BinaryWriter writeUtf8(String text) {
        byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
        try {
            return writeIntLengthBytes(encoded);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /** Overwrites four bytes at {@code offset}, for a length or checksum known only at the end. */
    void putInt(int offset, int value) {
        for (int i = 0; i < 4; i++) {
            buffer[offset + i] = (byte) (value >>> (24 - 8 * i));
        }
    }

    /** Returns a copy of the bytes written so far. */
    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    /** Returns the buffer itself, valid up to {@link #size()}, for computing a checksum in place. */
    byte[] array() {
        return buffer;
    }

    /** Fills the buffer with zeros, because it may have held a secret. */
    void wipe() {
        Arrays.fill(buffer, (byte) 0);
        size = 0;
    }

    private void ensure(int extra) {
        if (size + extra <= buffer.length) {
            return;
        }
        int capacity = Math.max(buffer.length * 2, size + extra);
        byte[] larger = Arrays.copyOf(buffer, capacity);
        Arrays.fill(buffer, (byte) 0);
        buffer = larger;
    }
}
