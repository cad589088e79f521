package io.keyport.storage.keyring.internal;

import static io.keyport.storage.keyring.internal.KernelKeyringEngineTest.keysByDescription;
import static io.keyport.storage.keyring.internal.KernelKeyringEngineTest.secret;
import static io.keyport.storage.keyring.internal.KernelKeyringEngineTest.text;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.NoSuchObjectException;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageItem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Keys that change underneath Keyport: invalidated, unlinked or added by another program, and the leftovers of
 * interrupted writes. The tests make those changes with the system calls, as keyctl would.
 */
public class OutsideChangesTest {

    private static final KeyctlSyscalls KEYCTL = TestKeyrings.KEYCTL;

    private final TestKeyrings keyrings = new TestKeyrings();
    private final RecordingListener listener = new RecordingListener();
    private final List<KernelKeyringEngine> engines = new ArrayList<>();
    private int parent;
    private KernelKeyringEngine engine;

    @Before
    public void startEngine() {
        parent = keyrings.create();
        engine = start();
        engine.addListener(listener);
    }

    @After
    public void removeKeys() {
        engines.forEach(KernelKeyringEngine::close);
        keyrings.close();
    }

    @Test
    public void invalidatedSecretKeyEndsItem() {
        StorageItem item = session().createItem("Mail", Map.of(), secret("x"), false);
        KEYCTL.invalidate(keysByDescription(collectionKeyring()).get("keyport:secret:1:1"));

        assertThrows(NoSuchObjectException.class, item::secret);

        assertEquals(List.of(), session().itemIds());
        assertTrue(listener.events.toString(), listener.events.contains("itemDeleted session/1"));
    }

    @Test
    public void invalidatedMetadataKeyIsNoticedOnRescan() throws InterruptedException {
        session().createItem("Mail", Map.of(), secret("x"), false);
        KEYCTL.invalidate(keysByDescription(collectionKeyring()).get("keyport:item:1"));

        // The kernel's garbage collector unlinks an invalidated key shortly after; until then it is still listed.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!session().itemIds().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            engine.rescan();
        }

        assertEquals(List.of(), session().itemIds());
        assertTrue(listener.events.toString(), listener.events.contains("itemDeleted session/1"));
    }

    @Test
    public void revokedSecretKeyEndsItem() {
        StorageItem item = session().createItem("Mail", Map.of(), secret("x"), false);
        revoke(keysByDescription(collectionKeyring()).get("keyport:secret:1:1"));

        assertThrows(NoSuchObjectException.class, item::secret);
        assertThrows(NoSuchObjectException.class, item::label);
    }

    @Test
    public void unlinkedCollectionKeyringEndsCollection() {
        int keyring = collectionKeyring();
        KEYCTL.unlink(keyring, parent);

        engine.rescan();

        assertNull(engine.collection("session"));
        assertTrue(listener.events.toString(), listener.events.contains("collectionRemoved session"));
    }

    @Test
    public void itemAddedByOtherEngineAppearsOnRescan() {
        KernelKeyringEngine other = start();
        other.collection("session").createItem("Other", Map.of("from", "other"), secret("o"), false);

        engine.rescan();

        assertEquals(List.of("1"), session().search(Map.of("from", "other")));
        assertTrue(listener.events.toString(), listener.events.contains("itemCreated session/1"));
        try (SecretValue read = session().item("1").secret()) {
            assertEquals("o", text(read));
        }
    }

    @Test
    public void collectionAddedByOtherEngineAppearsOnRescan() {
        KernelKeyringEngine other = start();
        other.createCollection("work", "Work", null);

        engine.rescan();

        assertEquals("Work", engine.collection("work").label());
        assertTrue(listener.events.toString(), listener.events.contains("collectionAdded work"));
    }

    @Test
    public void collectionOfOtherEngineIsNotReplaced() {
        KernelKeyringEngine other = start();
        other.createCollection("work", "Work", null);

        assertThrows(IllegalArgumentException.class, () -> engine.createCollection("work", "Mine", null));
        other.rescan();

        assertEquals("Work", other.collection("work").label());
        assertNull(engine.collection("work"));
    }

    @Test
    public void rescanWithoutChangesSendsNoEvents() {
        session().createItem("Mail", Map.of(), secret("x"), false);
        session().item("1").setSecret(secret("y"));
        listener.events.clear();

        engine.rescan();

        assertEquals(List.of(), listener.events);
    }

    @Test
    public void orphanedSecretKeyIsDiscardedOnStart() {
        session().createItem("Mail", Map.of(), secret("x"), false);
        int keyring = collectionKeyring();
        KEYCTL.addKey("user", "keyport:secret:1:7", bytes("left by a crash"), keyring);
        KEYCTL.addKey("user", "keyport:secret:9:1", bytes("left by a crash"), keyring);

        KernelKeyringEngine restarted = start();

        assertEquals(
                List.of("keyport:info", "keyport:item:1", "keyport:secret:1:1"),
                List.copyOf(keysByDescription(keyring).keySet()));
        assertEquals(List.of("1"), restarted.collection("session").itemIds());
        assertEquals(
                "10",
                restarted
                        .collection("session")
                        .createItem("N", Map.of(), secret("n"), false)
                        .id());
    }

    @Test
    public void invalidMetadataKeyStaysUnserved() {
        int keyring = collectionKeyring();
        KEYCTL.addKey("user", "keyport:item:7", bytes("not a record"), keyring);
        KEYCTL.addKey("user", "keyport:secret:7:1", bytes("kept"), keyring);

        KernelKeyringEngine restarted = start();

        StorageCollection session = restarted.collection("session");
        assertEquals(List.of(), session.itemIds());
        assertTrue(keysByDescription(keyring).containsKey("keyport:item:7"));
        assertTrue(keysByDescription(keyring).containsKey("keyport:secret:7:1"));
        assertEquals(
                "8", session.createItem("New", Map.of(), secret("n"), false).id());
    }

    @Test
    public void foreignKeyInCollectionIsLeftAlone() {
        int keyring = collectionKeyring();
        KEYCTL.addKey("user", "someone-else", bytes("x"), keyring);

        KernelKeyringEngine restarted = start();

        assertEquals(List.of(), restarted.collection("session").itemIds());
        assertTrue(keysByDescription(keyring).containsKey("someone-else"));
    }

    @Test
    public void missingInfoKeyIsWrittenAgain() {
        int keyring = collectionKeyring();
        KEYCTL.invalidate(keysByDescription(keyring).get("keyport:info"));

        KernelKeyringEngine restarted = start();

        assertEquals("Session", restarted.collection("session").label());
        assertTrue(keysByDescription(keyring).containsKey("keyport:info"));
    }

    @Test
    public void keyringOfOtherTypeIsNotACollection() {
        KEYCTL.addKey("user", "keyport:collection:test:fake", bytes("x"), parent);

        KernelKeyringEngine restarted = start();

        assertFalse(restarted.collections().stream()
                .anyMatch(collection -> collection.id().equals("fake")));
    }

    private KernelKeyringEngine start() {
        KernelKeyringEngine started =
                new KernelKeyringEngine(TestKeyrings.settings("test", parent, Map.of("session", "Session"), 0), KEYCTL);
        engines.add(started);
        return started;
    }

    private StorageCollection session() {
        return engine.collection("session");
    }

    private int collectionKeyring() {
        return ((KeyringCollection) session()).keyringSerial();
    }

    /** Revokes a key with KEYCTL_REVOKE (3), which KeyctlSyscalls does not need itself. */
    private static void revoke(int key) {
        KeyctlSyscalls.LibC libc =
                jnr.ffi.LibraryLoader.create(KeyctlSyscalls.LibC.class).load("c");
        long keyctlNumber = System.getProperty("os.arch").equals("amd64") ? 250 : 219;
        assertEquals(0, libc.syscall(keyctlNumber, 3, key, 0, 0, 0, 0));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
