package io.keyport.storage.file.internal;

import static io.keyport.storage.file.internal.TestStores.text;
import static org.junit.Assert.assertArrayEquals;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FileStorageEngineTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path directory;
    private FileStorageEngine engine;

    @Before
    public void openEngine() throws Exception {
        directory = folder.getRoot().toPath().resolve("store");
        engine = TestStores.open(directory);
    }

    @After
    public void closeEngine() {
        engine.close();
    }

    @Test
    public void freshDirectoryHasNoCollections() {
        assertEquals(List.of(), engine.collections());
    }

    @Test
    public void createdCollectionIsUnlockedAndListed() {
        StorageCollection login = engine.createCollection("login", "Login", text("pass"));

        assertFalse(login.isLocked());
        assertEquals("Login", login.label());
        assertTrue(login.needsPassphrase());
        assertEquals(
                List.of("login"),
                engine.collections().stream().map(StorageCollection::id).toList());
    }

    @Test
    public void createCollectionRejectsDuplicateAndInvalidIds() {
        engine.createCollection("login", "Login", text("pass"));

        assertThrows(IllegalArgumentException.class, () -> engine.createCollection("login", "Again", text("p")));
        assertThrows(IllegalArgumentException.class, () -> engine.createCollection("../x", "Bad", text("p")));
        assertThrows(IllegalArgumentException.class, () -> engine.createCollection("", "Bad", text("p")));
        assertThrows(IllegalArgumentException.class, () -> engine.createCollection("nopass", "No", null));
    }

    @Test
    public void filesAreOwnerOnly() throws Exception {
        engine.createCollection("login", "Login", text("pass"));

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
        for (String name : List.of("login.collection", "attributes.key", "keyport.lock")) {
            assertEquals(
                    name,
                    "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(name))));
        }
    }

    @Test
    public void itemsSurviveCloseAndReopen() {
        StorageCollection login = engine.createCollection("login", "Login", text("pass"));
        StorageItem item = login.createItem("Mail", Map.of("service", "mail", "user", "ann"), text("s3cret"), false);
        login.setLabel("Renamed");
        long created = item.created();
        engine.close();

        engine = TestStores.open(directory);
        StorageCollection reopened = engine.collection("login");
        assertTrue(reopened.isLocked());
        assertEquals("Renamed", reopened.label());
        assertEquals(List.of(item.id()), reopened.itemIds());
        reopened.unlock(text("pass"));
        StorageItem read = reopened.item(item.id());
        assertEquals("Mail", read.label());
        assertEquals(Map.of("service", "mail", "user", "ann"), read.attributes());
        assertEquals("s3cret", text(read.secret()));
        assertEquals(created, read.created());
    }

    @Test
    public void secretKeepsContentType() {
        StorageCollection login = engine.createCollection("login", "Login", text("pass"));
        StorageItem item =
                login.createItem("Key", Map.of(), SecretValue.copyOf(new byte[] {0, 1, 2}, "application/x"), false);

        try (SecretValue secret = item.secret()) {
            assertArrayEquals(new byte[] {0, 1, 2}, secret.copyBytes());
            assertEquals("application/x", secret.contentType());
        }
    }

    @Test
    public void wrongPassphraseIsReportedAsSuch() {
        engine.createCollection("login", "Login", text("pass")).lock();

        StorageCollection login = engine.collection("login");
        WrongPassphraseException e = assertThrows(WrongPassphraseException.class, () -> login.unlock(text("nope")));
        assertTrue(e.getMessage(), e.getMessage().contains("login"));
        assertTrue(login.isLocked());
    }

    @Test
    public void lockWipesDataKeyAndBlocksReads() {
        StorageCollection login = engine.createCollection("login", "Login", text("pass"));
        StorageItem item = login.createItem("Mail", Map.of("a", "1"), text("s3cret"), false);
        byte[] dataKey = engine.collection("login").dataKeyForTest();

        login.lock();

        assertArrayEquals(new byte[dataKey.length], dataKey);
        assertTrue(item.isLocked());
        assertThrows(LockedException.class, item::label);
        assertThrows(LockedException.class, item::attributes);
        assertThrows(LockedException.class, item::secret);
        assertThrows(LockedException.class, () -> item.setSecret(text("x")));
        assertThrows(LockedException.class, item::delete);
        assertThrows(LockedException.class, () -> login.createItem("X", Map.of(), text("x"), false));
        assertTrue(item.created() > 0);
    }

    @Test
    public void unlockRestoresReads() {
        StorageCollection login = engine.createCollection("login", "Login", text("pass"));
        StorageItem item = login.createItem("Mail", Map.of("a", "1"), text("s3cret"), false);
        login.lock();

        login.unlock(text("pass"));

        assertFalse(item.isLocked());
        assertEquals("Mail", item.label());
        assertEquals("s3cret", text(item.secret()));
    }

    @Test
    public void searchWorksWhileLocked() {
        StorageCollection login = engine.createCollection("login", "Login", text("pass"));
        StorageItem mail = login.createItem("Mail", Map.of("service", "mail", "user", "ann"), text("1"), false);
        StorageItem chat = login.createItem("Chat", Map.of("service", "chat", "user", "ann"), text("2"), false);
        login.lock();

        assertEquals(List.of(mail.id()), login.search(Map.of("service", "mail")));
        assertEquals(Set.of(mail.id(), chat.id()), Set.copyOf(login.search(Map.of("user", "ann"))));
        assertEquals(List.of(), login.search(Map.of("user", "bob")));
        assertEquals(List.of(), login.search(Map.of("service", "mail", "user", "bob")));
        assertEquals(2, login.search(Map.of()).size());
        assertEquals("Login", login.label());
    }

    @Test
    public void searchIsExactAndCaseSensitive() {
        StorageCollection login = engine.createCollection("login", "Login", text("pass"));
        login.createItem("Mail", Map.of("user", "Ann"), text("1"), false);

        assertEquals(List.of(), login.search(Map.of("user", "ann")));
        assertEquals(List.of(), login.search(Map.of("User", "Ann")));
        assertEquals(List.of(), login.search(Map.of("user", "An")));
        assertEquals(1, login.search(Map.of("user", "Ann")).size());
    }

    @Test
    public void replaceUpdatesOnlyIdenticalAttributeSet() {
        StorageCollection login = engine.createCollection("login", "Login", text("pass"));
        StorageItem first = login.createItem("One", Map.of("a", "1", "b", "2"), text("old"), false);

        StorageItem replaced = login.createItem("Two", Map.of("b", "2", "a", "1"), text("new"), true);
        StorageItem superset = login.createItem("Three", Map.of("a", "1", "b", "2", "c", "3"), text("x"), true);
        StorageItem subset = login.createItem("Four", Map.of("a", "1"), text("y"), true);

        assertEquals(first.id(), replaced.id());
        assertEquals("Two", first.label());
        assertEquals("new", text(first.secret()));
        assertNotEquals(first.id(), superset.id());
        assertNotEquals(first.id(), subset.id());
        assertEquals(3, login.itemIds().size());
    }

    @Test
    public void createWithoutReplaceAddsDuplicate() {
        StorageCollection login = engine.createCollection("login", "Login", text("pass"));
        StorageItem first = login.createItem("One", Map.of("a", "1"), text("1"), false);
        StorageItem second = login.createItem("One", Map.of("a", "1"), text("1"), false);

        assertNotEquals(first.id(), second.id());
        assertEquals(2, login.search(Map.of("a", "1")).size());
    }

    @Test
    public void itemSettersPersist() {
        StorageCollection login = engine.createCollection("login", "Login", text("pass"));
        StorageItem item = login.createItem("Mail", Map.of("a", "1"), text("old"), false);

        item.setLabel("New label");
        item.setAttributes(Map.of("b", "2"));
        item.setSecret(text("new"));
        engine.close();
        engine = TestStores.open(directory);
        StorageCollection reopened = engine.collection("login");

        assertEquals(List.of(item.id()), reopened.search(Map.of("b", "2")));
        assertEquals(List.of(), reopened.search(Map.of("a", "1")));
        reopened.unlock(text("pass"));
        StorageItem read = reopened.item(item.id());
        assertEquals("New label", read.label());
        assertEquals(Map.of("b", "2"), read.attributes());
        assertEquals("new", text(read.secret()));
    }

    @Test
    public void deletedItemIsGoneAfterReopen() {
        StorageCollection login = engine.createCollection("login", "Login", text("pass"));
        StorageItem item = login.createItem("Mail", Map.of("a", "1"), text("x"), false);

        item.delete();

        assertThrows(NoSuchObjectException.class, item::label);
        assertThrows(NoSuchObjectException.class, () -> login.item(item.id()));
        engine.close();
        engine = TestStores.open(directory);
        assertEquals(List.of(), engine.collection("login").itemIds());
        assertEquals(List.of(), engine.collection("login").search(Map.of("a", "1")));
    }

    @Test
    public void deleteCollectionRemovesFile() {
        StorageCollection login = engine.createCollection("login", "Login", text("pass"));

        login.delete();

        assertFalse(Files.exists(directory.resolve("login.collection")));
        assertEquals(List.of(), engine.collections());
        assertThrows(NoSuchObjectException.class, login::label);
    }

    @Test
    public void listenersSeeEveryChange() {
        RecordingListener listener = new RecordingListener();
        engine.addListener(listener);

        StorageCollection login = engine.createCollection("login", "Login", text("pass"));
        StorageItem item = login.createItem("Mail", Map.of("a", "1"), text("x"), false);
        item.setSecret(text("y"));
        login.createItem("Mail", Map.of("a", "1"), text("z"), true);
        item.delete();
        login.setLabel("L");
        login.lock();
        login.unlock(text("pass"));
        login.delete();

        String itemPath = "login/" + item.id();
        assertTrue(listener.events.contains("collectionAdded login"));
        assertTrue(listener.events.contains("itemCreated " + itemPath));
        assertEquals(
                2,
                listener.events.stream()
                        .filter(("itemChanged " + itemPath)::equals)
                        .count());
        assertTrue(listener.events.contains("itemDeleted " + itemPath));
        assertTrue(listener.events.contains("collectionRemoved login"));
        assertTrue(listener.events.stream()
                        .filter("collectionChanged login"::equals)
                        .count()
                >= 3);
    }

    @Test
    public void secondEngineOnSameDirectoryIsRejected() {
        StorageException e = assertThrows(StorageException.class, () -> TestStores.open(directory));

        assertTrue(e.getMessage(), e.getMessage().contains("Another Keyport is using"));
        assertTrue(e.getMessage(), e.getMessage().contains(directory.toString()));
    }

    @Test
    public void secondEngineOpensAfterFirstCloses() {
        engine.close();

        engine = TestStores.open(directory);

        assertEquals(List.of(), engine.collections());
    }

    @Test
    public void unreadableCollectionIsSkippedAndNotOverwritten() throws Exception {
        engine.createCollection("login", "Login", text("pass"));
        engine.createCollection("work", "Work", text("pass"));
        engine.close();
        Path work = directory.resolve("work.collection");
        byte[] damaged = Files.readAllBytes(work);
        damaged[20] ^= 1;
        Files.write(work, damaged);

        engine = TestStores.open(directory);

        assertEquals(
                List.of("login"),
                engine.collections().stream().map(StorageCollection::id).toList());
        assertTrue(engine.unreadableCollections().get("work").contains(work.toString()));
        assertThrows(StorageException.class, () -> engine.createCollection("work", "Work", text("pass")));
        assertArrayEquals(damaged, Files.readAllBytes(work));
    }

    @Test
    public void missingAttributeKeyFileBlocksCollections() throws Exception {
        engine.createCollection("login", "Login", text("pass"));
        engine.close();
        Files.delete(directory.resolve("attributes.key"));

        engine = TestStores.open(directory);

        assertEquals(List.of(), engine.collections());
        assertTrue(engine.unreadableCollections().get("login").contains("attributes.key"));
        assertThrows(StorageException.class, () -> engine.createCollection("other", "Other", text("pass")));
        assertFalse(Files.exists(directory.resolve("attributes.key")));
    }

    @Test
    public void attributeKeyFromAnotherStoreIsDetected() throws Exception {
        engine.createCollection("login", "Login", text("pass"));
        engine.close();
        Path other = folder.getRoot().toPath().resolve("other");
        try (FileStorageEngine otherEngine = TestStores.open(other)) {
            otherEngine.createCollection("x", "X", text("pass"));
        }
        Files.copy(
                other.resolve("attributes.key"),
                directory.resolve("attributes.key"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        engine = TestStores.open(directory);

        assertTrue(engine.unreadableCollections().get("login").contains("does not belong"));
    }

    @Test
    public void closedCollectionRejectsCalls() {
        StorageCollection login = engine.createCollection("login", "Login", text("pass"));
        engine.close();

        assertThrows(NoSuchObjectException.class, login::label);
        assertThrows(StorageException.class, () -> engine.createCollection("x", "X", text("p")));
    }
}
