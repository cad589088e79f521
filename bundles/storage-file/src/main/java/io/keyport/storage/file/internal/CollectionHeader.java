package io.keyport.storage.file.internal;

import io.keyport.api.crypto.Argon2idParameters;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The header at the start of a collection file: identity, Argon2id costs and salt, the attribute key check
 * and the data key wrapped under the passphrase key, closed by a CRC32C.
 *
 * @param uuid random bytes that tie records and derived keys to this collection
 * @param id the collection id, which must match the file name
 * @param created the creation time in seconds since the Unix epoch
 * @param argon2 the costs that derive the passphrase key
 * @param salt the Argon2id salt
 * @param attributeKeyCheck a value derived from the attribute key, to detect a key file from another store
 * @param wrappedKey the data key sealed with AES-256-GCM under the passphrase key, with the header before it
 *     as associated data
 */
record CollectionHeader(
        byte[] uuid,
        String id,
        long created,
        Argon2idParameters argon2,
        byte[] salt,
        byte[] attributeKeyCheck,
        byte[] wrappedKey) {

    /** The bytes in front of the header length field that let a reader size the rest: magic, version, length. */
    static final int FIXED_PREFIX_LENGTH = 12;

    /** Returns the encoded length of this header, the CRC included. */
    int length() {
        return FIXED_PREFIX_LENGTH
                + FileFormat.UUID_LENGTH
                + 1
                + id.length()
                + 8
                + 12
                + 1
                + salt.length
                + FileFormat.KEY_CHECK_LENGTH
                + 1
                + FileFormat.WRAPPED_KEY_LENGTH
                + 4;
    }

    /** Returns the bytes that the wrapped key authenticates: every header field in front of it. */
    byte[] wrappingAssociatedData() {
        return writePrefix().toByteArray();
    }

    CollectionHeader withKey(Argon2idParameters newArgon2, byte[] newSalt, byte[] newWrappedKey) {
        return new CollectionHeader(uuid, id, created, newArgon2, newSalt, attributeKeyCheck, newWrappedKey);
    }

    byte[] encode() {
        BinaryWriter writer = writePrefix();
        writer.writeByteLengthBytes(wrappedKey);
        writer.writeInt(FileFormat.crc32c(writer.array(), 0, writer.size()));
        return writer.toByteArray();
    }

    private BinaryWriter writePrefix() {
        BinaryWriter writer = new BinaryWriter(length());
        writer.writeBytes(FileFormat.COLLECTION_MAGIC)
                .writeShort(FileFormat.VERSION)
                .writeShort(length())
                .writeBytes(uuid)
                .writeByteLengthBytes(id.getBytes(StandardCharsets.US_ASCII))
                .writeLong(created)
                .writeInt(argon2.memoryKiB())
                .writeInt(argon2.iterations())
                .writeInt(argon2.parallelism())
                .writeByteLengthBytes(salt)
                .writeBytes(attributeKeyCheck);
        return writer;
    }

    /**
     * Checks magic, version and header length in the first {@link #FIXED_PREFIX_LENGTH} bytes and returns the
     * header length.
     */
    static int readLength(byte[] prefix) {
        if (!Arrays.equals(prefix, 0, 8, FileFormat.COLLECTION_MAGIC, 0, 8)) {
            throw new MalformedDataException("it does not start with the Keyport collection magic KEYPORTC, so it"
                    + " is not a Keyport collection file");
        }
        BinaryReader reader = new BinaryReader(prefix, 8, 4);
        int version = reader.readUnsignedShort();
        if (version > FileFormat.VERSION) {
            throw new MalformedDataException("it has format version " + version + " and this Keyport reads only"
                    + " version " + FileFormat.VERSION + "; open it with a newer Keyport");
        }
        if (version < 1) {
            throw new MalformedDataException("format version " + version + " is not valid");
        }
        int length = reader.readUnsignedShort();
        if (length < FIXED_PREFIX_LENGTH + 4 || length > FileFormat.MAX_HEADER_LENGTH) {
            throw new MalformedDataException("header length " + length + " is outside " + (FIXED_PREFIX_LENGTH + 4)
                    + ".." + FileFormat.MAX_HEADER_LENGTH);
        }
        return length;
    }

    /** Decodes a whole header whose first bytes passed {@link #readLength}. */
    static CollectionHeader decode(byte[] bytes) {
        int crcOffset = bytes.length - 4;
        int expected = new BinaryReader(bytes, crcOffset, 4).readInt();
        if (FileFormat.crc32c(bytes, 0, crcOffset) != expected) {
            throw new MalformedDataException("the header checksum (CRC32C) does not match, so the header is corrupt");
        }

        BinaryReader reader = new BinaryReader(bytes, FIXED_PREFIX_LENGTH, crcOffset - FIXED_PREFIX_LENGTH);
        byte[] uuid = reader.readBytes(FileFormat.UUID_LENGTH);
        String id = new String(reader.readByteLengthBytes(), StandardCharsets.US_ASCII);
        if (!FileFormat.isValidId(id)) {
            throw new MalformedDataException("the collection id in the header is not valid");
        }
        long created = reader.readLong();
        int memoryKiB = reader.readInt();
        int iterations = reader.readInt();
        int parallelism = reader.readInt();
        String argon2Problem = FileFormat.checkArgon2Bounds(memoryKiB, iterations, parallelism);
        if (argon2Problem != null) {
            throw new MalformedDataException(argon2Problem);
        }
        byte[] salt = reader.readByteLengthBytes();
        if (salt.length < FileFormat.SALT_LENGTH) {
            throw new MalformedDataException(
                    "the Argon2id salt has " + salt.length + " bytes, fewer than " + FileFormat.SALT_LENGTH);
        }
        byte[] keyCheck = reader.readBytes(FileFormat.KEY_CHECK_LENGTH);
        byte[] wrappedKey = reader.readByteLengthBytes();
        if (wrappedKey.length != FileFormat.WRAPPED_KEY_LENGTH) {
            throw new MalformedDataException("the wrapped data key has " + wrappedKey.length + " bytes instead of "
                    + FileFormat.WRAPPED_KEY_LENGTH);
        }
        reader.expectEnd();

        CollectionHeader header = new CollectionHeader(
                uuid,
                id,
                created,
                new Argon2idParameters(memoryKiB, iterations, parallelism),
                salt,
                keyCheck,
                wrappedKey);
        if (header.length() != bytes.length) {
            throw new MalformedDataException("the header length field does not match its fields");
        }
        return header;
    }
}
