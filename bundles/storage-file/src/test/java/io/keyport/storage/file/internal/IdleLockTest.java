package io.keyport.storage.file.internal;

import static io.keyport.storage.file.internal.TestStores.text;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.keyport.api.storage.StorageCollection;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class IdleLockTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void idleCollectionLocksItself() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (FileStorageEngine engine = TestStores.open(folder.getRoot().toPath(), 64 * 1024, 1)) {
            engine.addListener(listener);
            StorageCollection login = engine.createCollection("login", "Login", text("pass"));
            login.createItem("Item", Map.of(), text("v"), false);
            assertFalse(login.isLocked());

            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!login.isLocked() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }

            assertTrue(login.isLocked());
            assertTrue(listener.events.contains("collectionChanged login"));
        }
    }

    @Test
    public void autolockOffKeepsCollectionUnlocked() throws Exception {
        try (FileStorageEngine engine = TestStores.open(folder.getRoot().toPath(), 64 * 1024, 0)) {
            StorageCollection login = engine.createCollection("login", "Login", text("pass"));

            Thread.sleep(2500);

            assertFalse(login.isLocked());
        }
    }
}
