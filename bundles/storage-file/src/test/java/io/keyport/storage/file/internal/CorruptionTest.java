package io.keyport.storage.file.internal;

import static io.keyport.storage.file.internal.TestStores.text;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageException;
import io.keyport.api.storage.WrongPassphraseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Damages each part of a collection file and checks the error that opening or unlocking it gives. */
public class CorruptionTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path directory;
    private Path file;
    private byte[] original;
    private int headerLength;
    private List<Integer> recordOffsets;

    @Before
    public void writeStore() throws Exception {
        directory = folder.getRoot().toPath().resolve("store");
        try (FileStorageEngine engine = TestStores.open(directory)) {
            StorageCollection login = engine.createCollection("login", "Login", text("pass"));
            for (int i = 0; i < 3; i++) {
                login.createItem("Item " + i, Map.of("n", "" + i), text("secret " + i), false);
            }
        }
        file = directory.resolve("login.collection");
        original = Files.readAllBytes(file);
        headerLength = CollectionHeader.readLength(Arrays.copyOf(original, 12));
        recordOffsets = new ArrayList<>();
        int offset = headerLength;
        while (offset < original.length) {
            recordOffsets.add(offset);
            offset += 12 + new BinaryReader(original, offset, 4).readInt();
        }
        assertEquals(4, recordOffsets.size());
    }

    @Test
    public void headerFieldDamageIsCorruption() throws Exception {
        String message = unreadableAfter(flip(14));

        assertTrue(message, message.contains("header checksum"));
    }

    @Test
    public void wrappedKeyDamageIsCorruption() throws Exception {
        String message = unreadableAfter(flip(headerLength - 10));

        assertTrue(message, message.contains("header checksum"));
    }

    @Test
    public void tamperedWrappedKeyIsWrongPassphrase() throws Exception {
        byte[] damaged = flip(headerLength - 10);
        fixHeaderChecksum(damaged);
        Files.write(file, damaged);

        try (FileStorageEngine engine = TestStores.open(directory)) {
            StorageCollection login = engine.collection("login");
            assertThrows(WrongPassphraseException.class, () -> login.unlock(text("pass")));
        }
    }

    @Test
    public void recordBodyDamageIsCorruption() throws Exception {
        String message = unreadableAfter(flip(recordOffsets.get(1) + 20));

        assertTrue(message, message.contains("offset " + recordOffsets.get(1)));
        assertTrue(message, message.contains("checksum"));
    }

    @Test
    public void recordChecksumDamageIsCorruption() throws Exception {
        String message = unreadableAfter(flip(recordOffsets.get(1) + 9));

        assertTrue(message, message.contains("does not match its checksum"));
    }

    @Test
    public void recordLengthDamageIsCorruption() throws Exception {
        String message = unreadableAfter(flip(recordOffsets.get(2) + 3));

        assertTrue(message, message.contains("length of the record at offset " + recordOffsets.get(2)));
    }

    @Test
    public void tamperedPayloadFailsItemRead() throws Exception {
        int offset = recordOffsets.get(2);
        byte[] damaged = flip(offset + 12 + new BinaryReader(original, offset, 4).readInt() - 5);
        fixRecordChecksum(damaged, offset);
        Files.write(file, damaged);

        try (FileStorageEngine engine = TestStores.open(directory)) {
            StorageCollection login = engine.collection("login");
            assertNotNull(login);
            login.unlock(text("pass"));
            String damagedId = login.itemIds().get(1);
            StorageException e = assertThrows(
                    StorageException.class, () -> login.item(damagedId).label());
            assertFalse(e instanceof WrongPassphraseException);
            assertTrue(e.getMessage(), e.getMessage().contains(file.toString()));
            assertTrue(e.getMessage(), e.getMessage().contains("does not decrypt"));
            assertThrows(StorageException.class, () -> login.item(damagedId).secret());
            assertEquals("secret 0", text(login.item(login.itemIds().get(0)).secret()));
        }
        assertArrayEquals(damaged, Files.readAllBytes(file));
    }

    @Test
    public void foreignFileIsRejected() throws Exception {
        String message = unreadableAfter("[Desktop Entry]\nName=not a keyring\n".getBytes(StandardCharsets.UTF_8));

        assertTrue(message, message.contains("not a Keyport collection file"));
    }

    @Test
    public void newerVersionIsRejected() throws Exception {
        byte[] future = original.clone();
        future[9] = 2;

        String message = unreadableAfter(future);

        assertTrue(message, message.contains("format version 2"));
        assertTrue(message, message.contains("newer Keyport"));
    }

    @Test
    public void truncatedHeaderIsRejected() throws Exception {
        String message = unreadableAfter(Arrays.copyOf(original, headerLength - 1));

        assertTrue(message, message.contains("truncated"));
    }

    @Test
    public void emptyFileIsRejected() throws Exception {
        String message = unreadableAfter(new byte[0]);

        assertTrue(message, message.contains("truncated"));
    }

    @Test
    public void damagedAttributeKeyFileStopsTheEngine() throws Exception {
        Path keyFile = directory.resolve("attributes.key");
        byte[] key = Files.readAllBytes(keyFile);
        key[15] ^= 1;
        Files.write(keyFile, key);

        StorageException e = assertThrows(StorageException.class, () -> TestStores.open(directory));

        assertTrue(e.getMessage(), e.getMessage().contains(keyFile.toString()));
        assertTrue(e.getMessage(), e.getMessage().contains("corrupt"));
        assertArrayEquals(key, Files.readAllBytes(keyFile));
        TestStores.open(directory.resolveSibling("other")).close();
    }

    /** Writes {@code content} as the collection file, opens the store and returns why it skipped the file. */
    private String unreadableAfter(byte[] content) throws Exception {
        Files.write(file, content);
        String message;
        try (FileStorageEngine engine = TestStores.open(directory)) {
            assertEquals(List.of(), engine.collections());
            message = engine.unreadableCollections().get("login");
        }
        assertNotNull(message);
        assertTrue(message, message.contains(file.toString()));
        assertArrayEquals("the file must stay unchanged", content, Files.readAllBytes(file));
        return message;
    }

    private byte[] flip(int offset) {
        byte[] damaged = original.clone();
        damaged[offset] ^= 0x10;
        return damaged;
    }

    private void fixHeaderChecksum(byte[] bytes) {
        BinaryWriter crc = new BinaryWriter(4).writeInt(FileFormat.crc32c(bytes, 0, headerLength - 4));
        System.arraycopy(crc.toByteArray(), 0, bytes, headerLength - 4, 4);
    }

    private static void fixRecordChecksum(byte[] bytes, int offset) {
        int length = new BinaryReader(bytes, offset, 4).readInt();
        BinaryWriter crc = new BinaryWriter(4).writeInt(FileFormat.crc32c(bytes, offset + 12, length));
        System.arraycopy(crc.toByteArray(), 0, bytes, offset + 8, 4);
    }
}
