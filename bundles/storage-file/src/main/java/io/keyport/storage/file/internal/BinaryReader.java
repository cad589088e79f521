package io.keyport.storage.file.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A big-endian reader over a byte array that checks every length against the bytes left, so a hostile
 * length can neither read past the end nor make the reader allocate more than the input holds.
 */
final class BinaryReader {

    private final byte[] data;
    private final int end;
    private int position;

    BinaryReader(byte[] data) {
        this(data, 0, data.length);
    }

    BinaryReader(byte[] data, int offset, int length) {
        this.data = data;
        this.position = offset;
        this.end = offset + length;
    }

    int position() {
        return position;
    }

    int remaining() {
        return end - position;
    }

    int readUnsignedByte() {
        require(1, "a byte");
        return data[position++] & 0xFF;
    }

    int readUnsignedShort() {
        require(2, "a 16-bit field");
        int value = ((data[position] & 0xFF) << 8) | (data[position + 1] & 0xFF);
        position += 2;
        return value;
    }

    int readInt() {
        require(4, "a 32-bit field");
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (data[position++] & 0xFF);
        }
        return value;
    }

    long readLong() {
        require(8, "a 64-bit field");
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (data[position++] & 0xFF);
        }
        return value;
    }

    byte[] readBytes(int length) {
        require(length, length + " bytes");
        byte[] bytes = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return bytes;
    }

    /** Reads a length byte and that many bytes. */
    byte[] readByteLengthBytes() {
        return readBytes(readUnsignedByte());
    }

    /** Reads a 32-bit length and that many bytes, rejecting lengths above {@code max}. */
    byte[] readIntLengthBytes(int max) {
        int length = readInt();
        if (length < 0 || length > max) {
            throw new MalformedDataException("length field " + Integer.toUnsignedString(length)
                    + " exceeds the maximum of " + max + " at offset " + (position - 4));
        }
        return readBytes(length);
    }

    /** Reads a 32-bit length and that many bytes of strict UTF-8. */
    String readUtf8(int max) {
        byte[] bytes = readIntLengthBytes(max);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedDataException("invalid UTF-8 in a text field before offset " + position);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Checks that every byte was read, so trailing garbage is not silently accepted. */
    void expectEnd() {
        if (position != end) {
            throw new MalformedDataException((end - position) + " unexpected bytes after the last field");
        }
    }

    private void require(int length, String description) {
        if (length < 0 || length > end - position) {
            throw new MalformedDataException("expected " + description + " at offset " + position + " but only "
                    + (end - position) + " bytes are left");
        }
    }
}
