package io.keyport.storage.file.internal;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageException;
import io.keyport.storage.file.internal.JournalRecord.CollectionMeta;
import io.keyport.storage.file.internal.JournalRecord.ItemDelete;
import io.keyport.storage.file.internal.JournalRecord.ItemPut;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens existing collection files and creates new ones. */
final class CollectionFiles {

    private static final Logger LOG = LoggerFactory.getLogger(CollectionFiles.class);

    private CollectionFiles() {}

    static String fileName(String collectionId) {
        return collectionId + FileFormat.COLLECTION_SUFFIX;
    }

    /**
     * Reads a collection file, locked. A torn tail is copied to a side file and cut off so appends can go on.
     *
     * @throws StorageException naming the file if it cannot be read or does not belong with the attribute key
     */
    static FileStorageCollection open(CollectionContext context, Path file, byte[] attributeKey) {
        JournalReader.Contents contents = JournalReader.read(file);
        CollectionHeader header = contents.header();
        String expectedId = file.getFileName().toString();
        expectedId = expectedId.substring(0, expectedId.length() - FileFormat.COLLECTION_SUFFIX.length());
        if (!header.id().equals(expectedId)) {
            throw JournalReader.unreadable(
                    file, "its header names collection " + header.id() + " but its file name names " + expectedId);
        }
        AttributeKeys attributeKeys = new AttributeKeys(context.kdf(), context.aead(), attributeKey, header.uuid());
        if (!MessageDigest.isEqual(attributeKeys.keyCheck(), header.attributeKeyCheck())) {
            attributeKeys.wipe();
            throw new StorageException(
                    "Attribute key file " + context.directory().resolve(FileFormat.ATTRIBUTE_KEY_FILE)
                            + " does not belong to collection file " + file + ", so the collection cannot be searched."
                            + " Keyport did not change either file; restore the attribute key file from the same backup.");
        }

        ItemIndex index = new ItemIndex();
        String label = null;
        long modified = header.created();
        long lastItemNumber = 0;
        try {
            for (JournalRecord record : contents.records()) {
                if (record instanceof ItemPut put) {
                    index.put(put);
                    lastItemNumber = Math.max(lastItemNumber, itemNumber(put.id()));
                    modified = Math.max(modified, put.modified());
                } else if (record instanceof ItemDelete delete) {
                    if (index.remove(delete.id()) == null) {
                        throw new MalformedDataException("it deletes item " + delete.id() + ", which does not exist");
                    }
                    modified = Math.max(modified, delete.modified());
                    lastItemNumber = Math.max(lastItemNumber, itemNumber(delete.id()));
                } else if (record instanceof CollectionMeta meta) {
                    label = attributeKeys.openLabel(header.uuid(), meta);
                    modified = Math.max(modified, meta.modified());
                    lastItemNumber = Math.max(lastItemNumber, meta.lastItemNumber());
                }
            }
            if (label == null) {
                throw new MalformedDataException("it has no collection label record");
            }
        } catch (MalformedDataException e) {
            attributeKeys.wipe();
            throw JournalReader.unreadable(file, e.getMessage());
        }

        if (contents.hasTornTail()) {
            cutTornTail(context.directory(), file, contents.validLength(), contents.fileLength());
        }
        try {
            JournalWriter writer = new JournalWriter(context.directory(), file, contents.validLength());
            LOG.info("Opened collection {} from {} with {} items, locked", header.id(), file, index.size());
            return new FileStorageCollection(
                    context, header, attributeKeys, writer, index, label, modified, lastItemNumber);
        } catch (IOException e) {
            attributeKeys.wipe();
            throw new StorageException("Could not open collection file " + file + " for writing: " + e, e);
        }
    }

    /**
     * Creates a collection file with a new random data key wrapped under the passphrase, unlocked. The file appears
     * by rename, complete or not at all.
     */
    static FileStorageCollection create(
            CollectionContext context, String id, String label, SecretValue passphrase, byte[] attributeKey) {
        byte[] uuid = context.randomBytes(FileFormat.UUID_LENGTH);
        byte[] salt = context.randomBytes(FileFormat.SALT_LENGTH);
        byte[] dataKey = context.randomBytes(FileFormat.KEY_LENGTH);
        AttributeKeys attributeKeys = new AttributeKeys(context.kdf(), context.aead(), attributeKey, uuid);
        long now = CollectionContext.nowSeconds();
        CollectionHeader draft = new CollectionHeader(
                uuid,
                id,
                now,
                context.argon2(),
                salt,
                attributeKeys.keyCheck(),
                new byte[FileFormat.WRAPPED_KEY_LENGTH]);
        CollectionHeader header =
                draft.withKey(context.argon2(), salt, context.passphraseKeys().wrap(passphrase, draft, dataKey));
        byte[] headerBytes = header.encode();
        byte[] metaFrame = attributeKeys.sealLabel(uuid, now, 0, label).frame();

        Path file = context.directory().resolve(fileName(id));
        try {
            context.directory().writeAtomically(fileName(id), output -> {
                output.write(headerBytes);
                output.write(metaFrame);
            });
            JournalWriter writer =
                    new JournalWriter(context.directory(), file, headerBytes.length + (long) metaFrame.length);
            FileStorageCollection collection =
                    new FileStorageCollection(context, header, attributeKeys, writer, new ItemIndex(), label, now, 0);
            collection.installUnlocked(UnlockedContents.open(context.aead(), uuid, dataKey));
            LOG.info("Created collection {} in {}", id, file);
            return collection;
        } catch (IOException e) {
            Arrays.fill(dataKey, (byte) 0);
            attributeKeys.wipe();
            throw new StorageException("Could not create collection file " + file + ": " + e, e);
        }
    }
    /** Returns the number of an item id that this store issued, or 0 for any other id. */
    static long itemNumber(String itemId) {
        if (itemId.length() > 18 || !itemId.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 0;
        }
        return Long.parseLong(itemId);
    }

    /** Copies the bytes after {@code validLength} to a side file, then cuts them off the collection file. */
    private static void cutTornTail(StoreDirectory directory, Path file, long validLength, long fileLength) {
        Path side = file.resolveSibling(file.getFileName() + ".torn-" + validLength + "-" + System.currentTimeMillis());
        try (FileChannel source = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            try (FileChannel target = FileChannel.open(
                    side,
                    EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    StoreDirectory.FILE_MODE)) {
                InputStream input = Channels.newInputStream(source.position(validLength));
                OutputStream output = Channels.newOutputStream(target);
                input.transferTo(output);
                target.force(true);
            }
            source.truncate(validLength);
            source.force(true);
            directory.sync();
        } catch (IOException e) {
            throw new StorageException(
                    "Could not cut the incomplete last record off collection file " + file + " at offset " + validLength
                            + ": " + e,
                    e);
        }
        LOG.warn(
                "Collection file {} ended with {} bytes of an incomplete record at offset {}, which an interrupted"
                        + " write leaves; copied them to {} and cut them off",
                file,
                fileLength - validLength,
                validLength,
                side);
    }
}
