package io.keyport.storage.keyring.internal;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads the big-endian fields of Keyport's key payload records, rejecting truncated or trailing data. */
final class RecordReader {

    private final ByteBuffer buffer;

    RecordReader(byte[] payload) {
        this.buffer = ByteBuffer.wrap(payload);
    }

    /** Reads the four-byte magic and version, and checks them. */
    void expectHeader(byte[] header) throws MalformedRecordException {
        byte[] actual = take(header.length);
        if (!Arrays.equals(actual, header)) {
            throw new MalformedRecordException("unknown record header: not a Keyport record, or a newer version");
        }
    }

    int u8() throws MalformedRecordException {
        return take(1)[0] & 0xFF;
    }

    int u16() throws MalformedRecordException {
        byte[] bytes = take(2);
        return (bytes[0] & 0xFF) << 8 | bytes[1] & 0xFF;
    }

    long i64() throws MalformedRecordException {
        byte[] bytes = take(8);
        return ByteBuffer.wrap(bytes).getLong();
    }

    String string(String field) throws MalformedRecordException {
        int length = u16();
        byte[] bytes = take(length);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedRecordException("the " + field + " is not valid UTF-8");
        }
    }

    /** Checks that the whole payload was read. */
    void expectEnd() throws MalformedRecordException {
        if (buffer.hasRemaining()) {
            throw new MalformedRecordException(buffer.remaining() + " unexpected bytes after the record");
        }
    }

    private byte[] take(int length) throws MalformedRecordException {
        try {
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            return bytes;
        } catch (BufferUnderflowException e) {
            throw new MalformedRecordException("the record ends early, at byte " + buffer.position());
        }
    }
}
