package io.keyport.storage.file.internal;

import static io.keyport.storage.file.internal.TestStores.text;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageItem;
import io.keyport.api.storage.WrongPassphraseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class CompactionTest {

    private static final long MINIMUM = 4 * 1024;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void journalStaysWithinTwiceLiveSize() throws Exception {
        Path directory = folder.getRoot().toPath().resolve("store");
        Path file = directory.resolve("login.collection");
        try (FileStorageEngine engine = TestStores.open(directory, MINIMUM, 0)) {
            StorageCollection login = engine.createCollection("login", "Login", text("pass"));
            StorageItem item = login.createItem("Item", Map.of("a", "1"), text("v0"), false);
            long singleItemSize = Files.size(file);
            for (int i = 1; i <= 500; i++) {
                item.setSecret(text("v" + i));
            }

            assertTrue(Files.size(file) + " bytes", Files.size(file) <= Math.max(MINIMUM, 2 * singleItemSize) + 200);
            assertEquals("v500", text(item.secret()));
        }
        try (FileStorageEngine engine = TestStores.open(directory)) {
            StorageCollection login = engine.collection("login");
            login.unlock(text("pass"));
            assertEquals(1, login.itemIds().size());
            assertEquals("v500", text(login.item(login.itemIds().get(0)).secret()));
        }
    }

    @Test
    public void compactionKeepsDeletesAndLabel() throws Exception {
        Path directory = folder.getRoot().toPath().resolve("store");
        String keptId;
        try (FileStorageEngine engine = TestStores.open(directory, MINIMUM, 0)) {
            StorageCollection login = engine.createCollection("login", "Login", text("pass"));
            keptId = login.createItem("Kept", Map.of("k", "1"), text("keep"), false)
                    .id();
            for (int i = 0; i < 200; i++) {
                login.createItem("Gone " + i, Map.of("g", "" + i), text("x"), false)
                        .delete();
            }
            login.setLabel("Final label");
        }
        try (FileStorageEngine engine = TestStores.open(directory)) {
            StorageCollection login = engine.collection("login");
            assertEquals(List.of(keptId), login.itemIds());
            assertEquals("Final label", login.label());
            assertEquals(List.of(), login.search(Map.of("g", "3")));
        }
    }

    @Test
    public void passphraseChangeKeepsItems() throws Exception {
        Path directory = folder.getRoot().toPath().resolve("store");
        String id;
        try (FileStorageEngine engine = TestStores.open(directory)) {
            StorageCollection login = engine.createCollection("login", "Login", text("old"));
            id = login.createItem("Item", Map.of("a", "1"), text("value"), false)
                    .id();
            login.lock();

            assertThrows(
                    WrongPassphraseException.class,
                    () -> engine.collection("login").changePassphrase(text("wrong"), text("new")));
            engine.collection("login").changePassphrase(text("old"), text("new"));
            assertTrue(login.isLocked());
        }
        assertFalse(Files.exists(directory.resolve("login.collection.tmp")));
        try (FileStorageEngine engine = TestStores.open(directory)) {
            StorageCollection login = engine.collection("login");
            assertThrows(WrongPassphraseException.class, () -> login.unlock(text("old")));
            login.unlock(text("new"));
            assertEquals("value", text(login.item(id).secret()));
        }
    }

    @Test
    public void leftoverTemporaryFileIsRemoved() throws Exception {
        Path directory = folder.getRoot().toPath().resolve("store");
        try (FileStorageEngine engine = TestStores.open(directory)) {
            engine.createCollection("login", "Login", text("pass")).createItem("I", Map.of(), text("v"), false);
        }
        // A crash after writing the new file and before the rename leaves this behind.
        Files.write(directory.resolve("login.collection.tmp"), new byte[] {1, 2, 3});

        try (FileStorageEngine engine = TestStores.open(directory)) {
            assertFalse(Files.exists(directory.resolve("login.collection.tmp")));
            StorageCollection login = engine.collection("login");
            login.unlock(text("pass"));
            assertEquals(1, login.itemIds().size());
        }
    }
}
