package io.keyport.storage.kdbx.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.LockedException;
import io.keyport.api.storage.NoSuchObjectException;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageException;
import io.keyport.api.storage.StorageItem;
import io.keyport.api.storage.WrongPassphraseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The engine on databases made by pykeepass: the Secret Service mapping, changes, locking and bad input. */
public class KdbxStorageEngineTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path file;
    private KdbxStorageEngine engine;

    @Before
    public void createDatabase() throws Exception {
        file = TestDatabases.create(folder.getRoot().toPath(), "test.kdbx", "argon2d", "aes256", true, true);
    }

    @After
    public void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    public void entriesBecomeItems() {
        StorageCollection collection = open();

        assertEquals(3, collection.itemIds().size());
        StorageItem mail = item(collection, "mail");
        Map<String, String> attributes = mail.attributes();
        assertEquals("alice", attributes.get("UserName"));
        assertEquals("https://mail.example", attributes.get("URL"));
        assertEquals("imap", attributes.get("service"));
        assertEquals("/mail", attributes.get("Path"));
        assertEquals(mail.id(), attributes.get("Uuid"));
        assertTrue(mail.id().matches("[0-9a-f]{32}"));
        assertEquals("/Internet/bank", item(collection, "bank").attributes().get("Path"));
        assertEquals("s\u00ebcret \uD83D\uDE00", TestDatabases.text(mail.secret()));
    }

    @Test
    public void passwordAndProtectedFieldsAreNoAttributes() {
        Map<String, String> attributes = item(open(), "mail").attributes();

        assertFalse(attributes.containsKey("Password"));
        assertFalse(attributes.containsKey("token"));
    }

    @Test
    public void searchMatchesExactAttributes() {
        StorageCollection collection = open();
        String mail = item(collection, "mail").id();

        assertEquals(List.of(mail), collection.search(Map.of("service", "imap", "UserName", "alice")));
        assertEquals(List.of(), collection.search(Map.of("service", "IMAP")));
    }

    @Test
    public void wrongPassphraseIsReported() {
        engine = new KdbxStorageEngine(TestDatabases.settings(file));
        try (SecretValue wrong = TestDatabases.text("wrong")) {
            WrongPassphraseException e = assertThrows(
                    WrongPassphraseException.class, () -> engine.collection().unlock(wrong));
            assertTrue(e.getMessage(), e.getMessage().contains(file.toString()));
        }
        assertTrue(engine.collection().isLocked());
    }

    @Test
    public void damagedPayloadIsNotAWrongPassphrase() throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 40] ^= 1;
        Files.write(file, bytes);
        engine = new KdbxStorageEngine(TestDatabases.settings(file));

        try (SecretValue passphrase = TestDatabases.text(TestDatabases.PASSWORD)) {
            StorageException e = assertThrows(
                    StorageException.class, () -> engine.collection().unlock(passphrase));
            assertFalse(e instanceof WrongPassphraseException);
            assertTrue(e.getMessage(), e.getMessage().contains(file.toString()));
            assertTrue(e.getMessage(), e.getMessage().contains("damaged"));
        }
    }

    @Test
    public void damagedHeaderIsNotAWrongPassphrase() throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        bytes[20] ^= 1;
        Files.write(file, bytes);
        engine = new KdbxStorageEngine(TestDatabases.settings(file));

        try (SecretValue passphrase = TestDatabases.text(TestDatabases.PASSWORD)) {
            StorageException e = assertThrows(
                    StorageException.class, () -> engine.collection().unlock(passphrase));
            assertFalse(e instanceof WrongPassphraseException);
        }
    }

    @Test
    public void kdfAboveMemoryLimitIsAResourceError() {
        KdbxSettings settings = new KdbxSettings("test", file, null, "", "work", "", 0, 0);
        engine = new KdbxStorageEngine(settings);

        try (SecretValue passphrase = TestDatabases.text(TestDatabases.PASSWORD)) {
            StorageException e = assertThrows(
                    StorageException.class, () -> engine.collection().unlock(passphrase));
            assertFalse(e instanceof WrongPassphraseException);
            assertTrue(e.getMessage(), e.getMessage().contains("kdf.max.memory.mib"));
        }
    }

    @Test
    public void createdItemGetsTitlePasswordAndFields() {
        StorageCollection collection = open();
        try (SecretValue secret = TestDatabases.text("new secret")) {
            collection.createItem("created", Map.of("service", "smtp", "xdg:schema", "org.example"), secret, false);
        }

        String entries = pykeepassEntries();
        assertTrue(entries, entries.contains("\"title\": \"created\""));
        assertTrue(entries, entries.contains("\"password\": \"new secret\""));
        assertTrue(entries, entries.contains("\"xdg:schema\": \"org.example\""));
        assertEquals(4, collection.itemIds().size());
    }

    @Test
    public void binarySecretIsAnAttachment() {
        StorageCollection collection = open();
        byte[] bytes = {0, 1, 2, (byte) 0xff, '\n'};
        StorageItem item;
        try (SecretValue secret = SecretValue.copyOf(bytes, "application/octet-stream")) {
            item = collection.createItem("binary", Map.of("kind", "binary"), secret, false);
        }

        try (SecretValue read = item.secret()) {
            assertEquals("application/octet-stream", read.contentType());
            assertTrue(java.util.Arrays.equals(bytes, read.copyBytes()));
        }
        String entries = pykeepassEntries();
        assertTrue(entries, entries.contains("\"FDO_SECRETS_DATA\": \"AAEC/wo=\""));
        assertTrue(entries, entries.contains("\"FDO_SECRETS_CONTENT_TYPE\": \"application/octet-stream\""));
    }

    @Test
    public void latin1TextKeepsBytesAndType() {
        StorageCollection collection = open();
        byte[] latin1 = {'c', 'a', 'f', (byte) 0xe9};
        String type = "text/plain; charset=iso-8859-1";
        StorageItem item;
        try (SecretValue secret = SecretValue.copyOf(latin1, type)) {
            item = collection.createItem("latin1", Map.of("kind", "latin1"), secret, false);
        }

        try (SecretValue read = item.secret()) {
            assertEquals(type, read.contentType());
            assertTrue(java.util.Arrays.equals(latin1, read.copyBytes()));
        }
        String entries = pykeepassEntries();
        assertTrue(entries, entries.contains("\"password\": \"caf\\u00e9\""));
        assertTrue(entries, entries.contains("\"FDO_SECRETS_CONTENT_TYPE\": \"" + type + "\""));
    }

    @Test
    public void plainTextAddsNoTypeField() {
        StorageCollection collection = open();
        try (SecretValue secret = TestDatabases.text("plain")) {
            collection.createItem("plain", Map.of("kind", "plain"), secret, false);
        }

        String entries = pykeepassEntries();
        assertTrue(entries, entries.contains("\"password\": \"plain\""));
        assertFalse(entries, entries.contains("FDO_SECRETS_CONTENT_TYPE"));
    }

    @Test
    public void unencodableEditReadsAsUtf8() {
        byte[] edited = "caf\u00e9 \u20ac".getBytes(StandardCharsets.UTF_8);

        try (SecretValue read = ItemMapping.textSecret(edited.clone(), "text/plain; charset=iso-8859-1")) {
            assertEquals("text/plain", read.contentType());
            assertTrue(java.util.Arrays.equals(edited, read.copyBytes()));
        }
    }

    @Test
    public void replaceUpdatesTheIdenticalItem() {
        StorageCollection collection = open();
        StorageItem first;
        StorageItem second;
        try (SecretValue one = TestDatabases.text("one");
                SecretValue two = TestDatabases.text("two")) {
            first = collection.createItem("label", Map.of("service", "ssh", "user", "eve"), one, true);
            second = collection.createItem("label", Map.of("service", "ssh", "user", "eve"), two, true);
        }

        assertEquals(first.id(), second.id());
        assertEquals("two", TestDatabases.text(first.secret()));
        assertEquals(4, collection.itemIds().size());
    }

    @Test
    public void changeKeepsThePreviousVersionInHistory() {
        StorageCollection collection = open();
        try (SecretValue secret = TestDatabases.text("changed")) {
            item(collection, "bank").setSecret(secret);
        }

        String entries = pykeepassEntries();
        assertTrue(entries, entries.contains("\"password\": \"changed\""));
        assertTrue(entries, entries.contains("\"history\": 1"));
    }

    @Test
    public void deleteMovesTheEntryToTheRecycleBin() {
        StorageCollection collection = open();
        StorageItem bank = item(collection, "bank");
        bank.delete();

        assertEquals(2, collection.itemIds().size());
        assertThrows(NoSuchObjectException.class, () -> collection.item(bank.id()));
        assertThrows(NoSuchObjectException.class, bank::label);
        String entries = pykeepassEntries();
        assertTrue(entries, entries.contains("\"group\": \"Recycle Bin\""));
    }

    @Test
    public void lockedCollectionStillSearches() {
        StorageCollection collection = open();
        StorageItem mail = item(collection, "mail");
        long created = mail.created();
        collection.lock();

        assertTrue(collection.isLocked());
        assertTrue(mail.isLocked());
        assertEquals(List.of(mail.id()), collection.search(Map.of("service", "imap")));
        assertEquals(created, mail.created());
        assertThrows(LockedException.class, mail::label);
        assertThrows(LockedException.class, mail::secret);
    }

    @Test
    public void groupSettingChoosesTheItems() {
        engine = TestDatabases.unlocked(TestDatabases.settings(file, null, "/Internet"));

        List<String> labels = engine.collection().itemIds().stream()
                .map(id -> engine.collection().item(id).label())
                .sorted()
                .toList();
        assertEquals(List.of("bank", "shared"), labels);
    }

    @Test
    public void missingGroupIsReported() {
        engine = new KdbxStorageEngine(TestDatabases.settings(file, null, "/Nowhere"));

        try (SecretValue passphrase = TestDatabases.text(TestDatabases.PASSWORD)) {
            StorageException e = assertThrows(
                    StorageException.class, () -> engine.collection().unlock(passphrase));
            assertTrue(e.getMessage(), e.getMessage().contains("/Nowhere"));
        }
    }

    @Test
    public void everySaveUsesNewSeedAndIv() throws Exception {
        StorageItem bank = item(open(), "bank");
        bank.setLabel("bank 1");
        KdbxHeader first = KdbxHeader.parse(Files.readAllBytes(file));
        bank.setLabel("bank 2");
        KdbxHeader second = KdbxHeader.parse(Files.readAllBytes(file));

        assertNotEquals(
                Bytes.hex(first.field(KdbxHeader.MASTER_SEED)), Bytes.hex(second.field(KdbxHeader.MASTER_SEED)));
        assertNotEquals(
                Bytes.hex(first.field(KdbxHeader.ENCRYPTION_IV)), Bytes.hex(second.field(KdbxHeader.ENCRYPTION_IV)));
        assertEquals(
                Bytes.hex(first.field(KdbxHeader.KDF_PARAMETERS)), Bytes.hex(second.field(KdbxHeader.KDF_PARAMETERS)));
    }

    @Test
    public void labelIsTheDatabaseName() {
        StorageCollection collection = open();
        assertEquals("Passwords", collection.label());

        collection.setLabel("Work secrets");

        String xml = Tools.pykeepass(folder.getRoot().toPath(), "dump", file.toString(), TestDatabases.PASSWORD, "-");
        assertTrue(xml.contains("<DatabaseName>Work secrets</DatabaseName>"));
    }

    private StorageCollection open() {
        engine = TestDatabases.unlocked(TestDatabases.settings(file));
        return engine.collection();
    }

    private String pykeepassEntries() {
        return Tools.pykeepass(folder.getRoot().toPath(), "entries", file.toString(), TestDatabases.PASSWORD, "-");
    }

    static StorageItem item(StorageCollection collection, String label) {
        for (String id : collection.itemIds()) {
            StorageItem item = collection.item(id);
            if (item.label().equals(label)) {
                return item;
            }
        }
        throw new AssertionError("No item labelled " + label + " among " + collection.itemIds());
    }
}
