package io.keyport.storage.keyring.internal;

import io.keyport.api.storage.StorageException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the big-endian fields of Keyport's key payload records. */
final class RecordWriter {

    /** The largest string in a record: its length is an unsigned 16-bit number. */
    static final int MAX_STRING_BYTES = 0xFFFF;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    RecordWriter bytes(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    RecordWriter u8(int value) {
        out.write(value);
        return this;
    }

    RecordWriter u16(int value) {
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    RecordWriter i64(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    /**
     * Writes a string as its UTF-8 length and bytes.
     *
     * @param field the field name for the error message, which never contains the value
     * @throws StorageException if the string is longer than {@value #MAX_STRING_BYTES} bytes in UTF-8
     */
    RecordWriter string(String field, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_STRING_BYTES) {
            throw new StorageException("The " + field + " is " + bytes.length + " bytes in UTF-8, more than the "
                    + MAX_STRING_BYTES + " bytes that the kernel keyring engine stores");
        }
        u16(bytes.length);
        out.writeBytes(bytes);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
