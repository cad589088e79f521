package io.keyport.storage.file.internal;

import io.keyport.api.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The store's attribute key file: 32 random bytes from which each collection derives its attribute tag and label
 * keys. It is not protected by any passphrase, which is what lets a locked collection run searches.
 */
final class AttributeKeyFile {

    /** Magic, version, key and CRC32C. */
    static final int LENGTH = 8 + 2 + FileFormat.KEY_LENGTH + 4;

    private AttributeKeyFile() {}

    /**
     * Reads the attribute key, or returns {@code null} when the file does not exist.
     *
     * @throws StorageException if the file exists but is not a valid attribute key file
     */
    static byte[] read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new StorageException("Could not read the attribute key file " + file + ": " + e, e);
        }
        try {
            return decode(bytes);
        } catch (MalformedDataException e) {
            throw new StorageException("Attribute key file " + file + " is unreadable: " + e.getMessage()
                    + ". Keyport did not change it; restore it from a backup.");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Creates a new random attribute key and writes it atomically with mode 0600. */
    static byte[] create(StoreDirectory directory, SecureRandom random) {
        byte[] key = new byte[FileFormat.KEY_LENGTH];
        random.nextBytes(key);
        byte[] encoded = encode(key);
        try {
            directory.writeAtomically(FileFormat.ATTRIBUTE_KEY_FILE, output -> output.write(encoded));
            return key;
        } catch (IOException e) {
            Arrays.fill(key, (byte) 0);
            throw new StorageException(
                    "Could not write the attribute key file " + directory.resolve(FileFormat.ATTRIBUTE_KEY_FILE) + ": "
                            + e,
                    e);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    static byte[] encode(byte[] key) {
        BinaryWriter writer = new BinaryWriter(LENGTH);
        writer.writeBytes(FileFormat.ATTRIBUTE_KEY_MAGIC)
                .writeShort(FileFormat.VERSION)
                .writeBytes(key);
        writer.writeInt(FileFormat.crc32c(writer.array(), 0, writer.size()));
        byte[] encoded = writer.toByteArray();
        writer.wipe();
        return encoded;
    }

    static byte[] decode(byte[] bytes) {
        if (bytes.length < 10 || !Arrays.equals(bytes, 0, 8, FileFormat.ATTRIBUTE_KEY_MAGIC, 0, 8)) {
            throw new MalformedDataException(
                    "it does not start with the magic KEYPORTA, so it is not a Keyport" + " attribute key file");
        }
        int version = new BinaryReader(bytes, 8, 2).readUnsignedShort();
        if (version != FileFormat.VERSION) {
            throw new MalformedDataException("it has format version " + version + " and this Keyport reads only"
                    + " version " + FileFormat.VERSION);
        }
        if (bytes.length != LENGTH) {
            throw new MalformedDataException("it has " + bytes.length + " bytes instead of " + LENGTH);
        }
        int expected = new BinaryReader(bytes, LENGTH - 4, 4).readInt();
        if (FileFormat.crc32c(bytes, 0, LENGTH - 4) != expected) {
            throw new MalformedDataException("its checksum (CRC32C) does not match, so it is corrupt");
        }
        return Arrays.copyOfRange(bytes, 10, 10 + FileFormat.KEY_LENGTH);
    }
}
