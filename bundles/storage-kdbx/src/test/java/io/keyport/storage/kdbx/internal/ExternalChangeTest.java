package io.keyport.storage.kdbx.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageException;
import io.keyport.api.storage.StorageItem;
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

/** Saves by another program while the engine has the database open: seen, reported, and never overwritten. */
public class ExternalChangeTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path file;
    private KdbxStorageEngine engine;
    private final RecordingListener listener = new RecordingListener();

    @Before
    public void openDatabase() {
        file = TestDatabases.create(folder.getRoot().toPath(), "shared.kdbx", "argon2d", "aes256", true, false);
        engine = TestDatabases.unlocked(TestDatabases.settings(file));
        engine.addListener(listener);
    }

    @After
    public void closeEngine() {
        engine.close();
    }

    @Test
    public void pollReportsChangesByPykeepass() {
        KdbxStorageCollection collection = engine.collection();
        String mail = KdbxStorageEngineTest.item(collection, "mail").id();
        pykeepassEdit("mail", "changed elsewhere");

        collection.checkDisk();

        String added = KdbxStorageEngineTest.item(collection, "added").id();
        List<String> events = listener.events();
        assertTrue(events.toString(), events.contains("created work/" + added));
        assertTrue(events.toString(), events.contains("changed work/" + mail));
        assertFalse(events.toString(), events.stream().anyMatch(event -> event.startsWith("deleted")));
        assertEquals(
                "changed elsewhere", TestDatabases.text(collection.item(mail).secret()));
    }

    @Test
    public void saveAppliesChangeOnTopOfExternalSave() {
        StorageCollection collection = engine.collection();
        pykeepassEdit("mail", "changed elsewhere");

        try (SecretValue secret = TestDatabases.text("from keyport")) {
            collection.createItem("keyport item", Map.of("origin", "keyport"), secret, false);
        }

        String entries = entries();
        assertTrue(entries, entries.contains("\"password\": \"changed elsewhere\""));
        assertTrue(entries, entries.contains("\"title\": \"added\""));
        assertTrue(entries, entries.contains("\"password\": \"from keyport\""));
        assertTrue(listener.events().toString(), listener.events().stream().anyMatch(e -> e.startsWith("created")));
    }

    @Test
    public void unreadableFileIsNeverOverwritten() throws Exception {
        StorageCollection collection = engine.collection();
        StorageItem bank = KdbxStorageEngineTest.item(collection, "bank");
        byte[] garbage = "not a database any more".getBytes(StandardCharsets.UTF_8);
        Files.write(file, garbage);

        StorageException e = assertThrows(StorageException.class, () -> bank.setLabel("renamed"));

        assertTrue(e.getMessage(), e.getMessage().contains(file.toString()));
        assertTrue(e.getMessage(), e.getMessage().contains("did not overwrite"));
        assertArrayEquals(garbage, Files.readAllBytes(file));
    }

    @Test
    public void newKdfParametersAreReloaded() throws Exception {
        Path other =
                TestDatabases.create(folder.getRoot().toPath(), "other.kdbx", "argon2id", "chacha20", false, false);
        Files.copy(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));

        engine.collection().checkDisk();

        // The copy has the same passphrase, so the engine reloads it with a fresh KDF run.
        assertFalse(engine.collection().isLocked());
        assertTrue(listener.events().toString(), listener.events().contains("collection work"));
    }

    private void pykeepassEdit(String title, String password) {
        Tools.pykeepass(
                folder.getRoot().toPath(), "edit", file.toString(), TestDatabases.PASSWORD, "-", title, password);
    }

    private String entries() {
        return Tools.pykeepass(folder.getRoot().toPath(), "entries", file.toString(), TestDatabases.PASSWORD, "-");
    }
}
