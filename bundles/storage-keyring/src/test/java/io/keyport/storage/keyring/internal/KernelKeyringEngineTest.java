package io.keyport.storage.keyring.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.LockedException;
import io.keyport.api.storage.NoSuchObjectException;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageException;
import io.keyport.api.storage.StorageItem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The engine against the running kernel: each test works below a fresh keyring of its own. */
public class KernelKeyringEngineTest {

    private static final KeyctlSyscalls KEYCTL = TestKeyrings.KEYCTL;
    private static final String TEXT = "text/plain; charset=utf8";

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
    public void configuredCollectionBecomesKeyring() {
        StorageCollection session = engine.collection("session");

        assertEquals("Session", session.label());
        int keyring = onlyKey(parent);
        assertEquals(keyring, ((KeyringCollection) session).keyringSerial());
        assertEquals("keyring", KEYCTL.describe(keyring).type());
        assertEquals("keyport:collection:test:session", KEYCTL.describe(keyring).description());
        assertEquals(KeyNames.INFO, KEYCTL.describe(onlyKey(keyring)).description());
    }

    @Test
    public void createdItemReadsBack() {
        StorageItem item = session().createItem("Mail", Map.of("service", "mail"), secret("hunter2"), false);

        assertEquals("1", item.id());
        assertEquals("Mail", item.label());
        assertEquals(Map.of("service", "mail"), item.attributes());
        assertTrue(item.created() > 0);
        assertEquals(item.created(), item.modified());
        try (SecretValue read = item.secret()) {
            assertEquals("hunter2", text(read));
            assertEquals(TEXT, read.contentType());
        }
    }

    @Test
    public void itemKeysUseDocumentedDescriptions() {
        session().createItem("Mail", Map.of("service", "mail"), secret("hunter2"), false);

        Map<String, Integer> keys = keysByDescription(collectionKeyring());

        assertEquals(List.of("keyport:info", "keyport:item:1", "keyport:secret:1:1"), List.copyOf(keys.keySet()));
        assertEquals("user", KEYCTL.describe(keys.get("keyport:secret:1:1")).type());
        assertEquals("hunter2", new String(KEYCTL.read(keys.get("keyport:secret:1:1")), StandardCharsets.UTF_8));
    }

    @Test
    public void emptySecretHasNoSecretKey() {
        StorageItem item = session().createItem("Empty", Map.of(), secret(""), false);

        assertEquals(
                List.of("keyport:info", "keyport:item:1"),
                List.copyOf(keysByDescription(collectionKeyring()).keySet()));
        try (SecretValue read = item.secret()) {
            assertEquals(0, read.length());
        }
    }

    @Test
    public void searchUsesAttributes() {
        session().createItem("A", Map.of("service", "mail", "user", "alice"), secret("1"), false);
        session().createItem("B", Map.of("service", "mail", "user", "bob"), secret("2"), false);
        session().createItem("C", Map.of("service", "web"), secret("3"), false);

        assertEquals(List.of("1", "2", "3"), session().search(Map.of()));
        assertEquals(List.of("1", "2"), session().search(Map.of("service", "mail")));
        assertEquals(List.of("2"), session().search(Map.of("service", "mail", "user", "bob")));
        assertEquals(List.of(), session().search(Map.of("service", "Mail")));
        assertEquals(List.of(), session().search(Map.of("service", "web", "user", "alice")));
    }

    @Test
    public void setSecretWritesNextGeneration() {
        StorageItem item = session().createItem("Mail", Map.of(), secret("old"), false);

        item.setSecret(SecretValue.copyOf("new".getBytes(StandardCharsets.UTF_8), "application/octet-stream"));

        Map<String, Integer> keys = keysByDescription(collectionKeyring());
        assertEquals(List.of("keyport:info", "keyport:item:1", "keyport:secret:1:2"), List.copyOf(keys.keySet()));
        try (SecretValue read = item.secret()) {
            assertEquals("new", text(read));
            assertEquals("application/octet-stream", read.contentType());
        }
    }

    @Test
    public void labelAndAttributeChangesReachIndex() {
        StorageItem item = session().createItem("Mail", Map.of("service", "mail"), secret("x"), false);

        item.setLabel("Post");
        item.setAttributes(Map.of("service", "post"));

        assertEquals("Post", item.label());
        assertEquals(List.of(), session().search(Map.of("service", "mail")));
        assertEquals(List.of("1"), session().search(Map.of("service", "post")));
    }

    @Test
    public void createWithReplaceKeepsId() {
        session().createItem("Mail", Map.of("service", "mail"), secret("old"), false);

        StorageItem replaced = session().createItem("Mail 2", Map.of("service", "mail"), secret("new"), true);

        assertEquals("1", replaced.id());
        assertEquals(List.of("1"), session().itemIds());
        assertEquals("Mail 2", replaced.label());
        try (SecretValue read = replaced.secret()) {
            assertEquals("new", text(read));
        }
    }

    @Test
    public void deletedItemLeavesOnlyInfoKey() {
        StorageItem item = session().createItem("Mail", Map.of("service", "mail"), secret("x"), false);

        item.delete();

        assertEquals(List.of(), session().itemIds());
        assertThrows(NoSuchObjectException.class, item::label);
        assertThrows(NoSuchObjectException.class, () -> session().item("1"));
        assertEquals(
                List.of("keyport:info"),
                List.copyOf(keysByDescription(collectionKeyring()).keySet()));
    }

    @Test
    public void restartedEngineFindsItems() {
        session().createItem("Mail", Map.of("service", "mail"), secret("hunter2"), false);
        session().setLabel("Renamed");
        long created = session().item("1").created();

        KernelKeyringEngine restarted = start();

        StorageCollection session = restarted.collection("session");
        assertEquals("Renamed", session.label());
        assertEquals(List.of("1"), session.search(Map.of("service", "mail")));
        StorageItem item = session.item("1");
        assertEquals("Mail", item.label());
        assertEquals(created, item.created());
        try (SecretValue read = item.secret()) {
            assertEquals("hunter2", text(read));
        }
    }

    @Test
    public void itemIdsAreNotReusedAfterRestart() {
        session().createItem("One", Map.of(), secret("1"), false);
        session().createItem("Two", Map.of(), secret("2"), false).delete();

        KernelKeyringEngine restarted = start();
        StorageItem third = restarted.collection("session").createItem("Three", Map.of(), secret("3"), false);

        assertEquals("3", third.id());
    }

    @Test
    public void lockRejectsItemReadsButKeepsSearch() {
        StorageItem item = session().createItem("Mail", Map.of("service", "mail"), secret("x"), false);

        session().lock();

        assertTrue(session().isLocked());
        assertTrue(item.isLocked());
        assertThrows(LockedException.class, item::label);
        assertThrows(LockedException.class, item::attributes);
        assertThrows(LockedException.class, item::secret);
        assertThrows(LockedException.class, () -> item.setLabel("x"));
        assertThrows(LockedException.class, () -> session().createItem("B", Map.of(), secret("y"), false));
        assertEquals(List.of("1"), session().itemIds());
        assertEquals(List.of("1"), session().search(Map.of("service", "mail")));
        assertEquals(List.of(), session().search(Map.of("service", "web")));
        assertTrue(item.created() > 0);
    }

    @Test
    public void unlockNeedsNoPassphrase() {
        StorageItem item = session().createItem("Mail", Map.of(), secret("x"), false);
        session().lock();

        assertFalse(session().needsPassphrase());
        session().unlock(null);

        assertFalse(session().isLocked());
        assertEquals("Mail", item.label());
        assertTrue(listener.events.contains("collectionChanged session"));
    }

    @Test
    public void eventsFollowItemChanges() {
        StorageItem item = session().createItem("Mail", Map.of(), secret("x"), false);
        item.setLabel("Post");
        item.setSecret(secret("y"));
        item.delete();

        assertEquals(
                List.of(
                        "itemCreated session/1",
                        "itemChanged session/1",
                        "itemChanged session/1",
                        "itemDeleted session/1"),
                listener.events);
    }

    @Test
    public void createdCollectionIsServedAfterRestart() {
        StorageCollection work = engine.createCollection("work", "Work", null);
        work.createItem("Token", Map.of("kind", "token"), secret("t"), false);

        KernelKeyringEngine restarted = start();

        assertEquals(
                List.of("session", "work"),
                restarted.collections().stream().map(StorageCollection::id).toList());
        assertEquals("Work", restarted.collection("work").label());
        assertEquals(List.of("1"), restarted.collection("work").search(Map.of("kind", "token")));
        assertTrue(listener.events.contains("collectionAdded work"));
    }

    @Test
    public void deletedCollectionLeavesNoKeys() {
        StorageCollection work = engine.createCollection("work", "Work", null);
        work.createItem("Token", Map.of(), secret("t"), false);
        int keyring = ((KeyringCollection) work).keyringSerial();

        work.delete();

        assertNull(engine.collection("work"));
        assertTrue(listener.events.contains("collectionRemoved work"));
        assertEquals(1, TestKeyrings.listOrEmpty(parent).length);
        assertThrows(KeyctlException.class, () -> KEYCTL.readKeyring(keyring));
    }

    @Test
    public void existingCollectionIdIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> engine.createCollection("session", "Again", null));
        assertThrows(IllegalArgumentException.class, () -> engine.createCollection("bad-id", "Bad", null));
        assertThrows(IllegalArgumentException.class, () -> engine.createCollection("a:b", "Bad", null));
    }

    @Test
    public void engineWithoutCollectionsCreateRejectsNewCollection() {
        KernelKeyringEngine fixed =
                track(new KernelKeyringEngine(new KeyringSettings("fixed", parent, Map.of(), 0, false, 0), KEYCTL));

        assertThrows(UnsupportedOperationException.class, () -> fixed.createCollection("work", "Work", null));
        assertFalse(fixed.needsPassphraseForNewCollections());
    }

    @Test
    public void enginesWithOtherNamesDoNotShareCollections() {
        KernelKeyringEngine other =
                track(new KernelKeyringEngine(TestKeyrings.settings("other", parent, Map.of(), 0), KEYCTL));

        assertEquals(List.of(), other.collections());
    }

    @Test
    public void largeSecretNeedsBigKey() {
        byte[] large = new byte[KeyctlSyscalls.USER_PAYLOAD_MAX + 100];
        int before = TestKeyrings.listOrEmpty(collectionKeyring()).length;

        try {
            StorageItem item = session().createItem("Large", Map.of(), SecretValue.copyOf(large, ""), false);
            try (SecretValue read = item.secret()) {
                assertArrayEquals(large, read.copyBytes());
            }
        } catch (StorageException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("no big_key key type"));
            assertEquals(before, TestKeyrings.listOrEmpty(collectionKeyring()).length);
        }
    }

    @Test
    public void mediumSecretFitsUserKey() {
        byte[] secret = new byte[20_000];
        secret[19_999] = 42;

        StorageItem item = session().createItem("Medium", Map.of(), SecretValue.copyOf(secret, ""), false);

        try (SecretValue read = item.secret()) {
            assertArrayEquals(secret, read.copyBytes());
        }
    }

    @Test
    public void oversizedMetadataLeavesNoKeys() {
        int before = TestKeyrings.listOrEmpty(collectionKeyring()).length;

        StorageException e = assertThrows(
                StorageException.class,
                () -> session().createItem("Big", Map.of("a", "v".repeat(40_000)), secret("x"), false));

        assertFalse(e.getMessage(), e.getMessage().contains("vvv"));
        assertEquals(before, TestKeyrings.listOrEmpty(collectionKeyring()).length);
        assertEquals(List.of(), session().itemIds());
    }

    @Test
    public void unknownItemIdIsNoSuchObject() {
        assertThrows(NoSuchObjectException.class, () -> session().item("7"));
        assertThrows(NoSuchObjectException.class, () -> session().item("x"));
        assertThrows(NoSuchObjectException.class, () -> session().item("-1"));
    }

    private KernelKeyringEngine start() {
        return track(new KernelKeyringEngine(
                TestKeyrings.settings("test", parent, Map.of("session", "Session"), 0), KEYCTL));
    }

    private KernelKeyringEngine track(KernelKeyringEngine started) {
        engines.add(started);
        return started;
    }

    private StorageCollection session() {
        StorageCollection session = engine.collection("session");
        assertNotNull(session);
        return session;
    }

    private int collectionKeyring() {
        return ((KeyringCollection) session()).keyringSerial();
    }

    /** Returns the descriptions of the keys in a keyring, sorted, with their serial numbers. */
    static Map<String, Integer> keysByDescription(int keyring) {
        Map<String, Integer> keys = new TreeMap<>();
        for (int key : TestKeyrings.listOrEmpty(keyring)) {
            keys.put(KEYCTL.describe(key).description(), key);
        }
        return keys;
    }

    private static int onlyKey(int keyring) {
        int[] keys = TestKeyrings.listOrEmpty(keyring);
        assertEquals(1, keys.length);
        return keys[0];
    }

    static SecretValue secret(String text) {
        return SecretValue.copyOf(text.getBytes(StandardCharsets.UTF_8), TEXT);
    }

    static String text(SecretValue secret) {
        return new String(secret.copyBytes(), StandardCharsets.UTF_8);
    }
}
