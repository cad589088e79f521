package io.keyport.storage.keyring.internal;

import static io.keyport.storage.keyring.internal.KernelKeyringEngineTest.keysByDescription;
import static io.keyport.storage.keyring.internal.KernelKeyringEngineTest.secret;
import static io.keyport.storage.keyring.internal.KernelKeyringEngineTest.text;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.NoSuchObjectException;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Items of an engine with {@code expiry.seconds}: key timeouts in the kernel, and removal from the index. */
public class ExpiryTest {

    private static final KeyctlSyscalls KEYCTL = TestKeyrings.KEYCTL;
    private static final long EXPIRY_SECONDS = 2;

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
    public void itemIsRemovedAtExpiry() throws InterruptedException {
        StorageItem item = session().createItem("Short", Map.of("k", "v"), secret("x"), false);
        try (SecretValue read = item.secret()) {
            assertEquals("x", text(read));
        }

        awaitTrue(() -> session().itemIds().isEmpty());

        assertTrue(listener.events.toString(), listener.events.contains("itemDeleted session/1"));
        assertThrows(NoSuchObjectException.class, item::secret);
        assertEquals(List.of(), session().search(Map.of("k", "v")));
        assertEquals(
                List.of("keyport:info"),
                List.copyOf(keysByDescription(collectionKeyring()).keySet()));
    }

    @Test
    public void kernelExpiresKeysWithoutKeyport() throws InterruptedException {
        session().createItem("Short", Map.of(), secret("x"), false);
        int keyring = collectionKeyring();
        Map<String, Integer> keys = keysByDescription(keyring);
        engine.close();

        Thread.sleep((EXPIRY_SECONDS + 1) * 1000 + 200);

        KeyctlException e = assertThrows(KeyctlException.class, () -> KEYCTL.read(keys.get("keyport:secret:1:1")));
        assertEquals(Errno.EKEYEXPIRED, e.errno());
        KernelKeyringEngine restarted = start();
        assertEquals(List.of(), restarted.collection("session").itemIds());
        assertEquals(
                List.of("keyport:info"), List.copyOf(keysByDescription(keyring).keySet()));
    }

    @Test
    public void newSecretKeepsItemExpiry() throws InterruptedException {
        StorageItem item = session().createItem("Short", Map.of(), secret("x"), false);
        Thread.sleep(1000);

        item.setSecret(secret("y"));

        awaitTrue(() -> session().itemIds().isEmpty());
        assertEquals(
                List.of("keyport:info"),
                List.copyOf(keysByDescription(collectionKeyring()).keySet()));
    }

    @Test
    public void collectionOutlivesItsItems() throws InterruptedException {
        session().createItem("Short", Map.of(), secret("x"), false);

        awaitTrue(() -> session().itemIds().isEmpty());

        StorageItem next = session().createItem("Next", Map.of(), secret("y"), false);
        assertEquals("2", next.id());
    }

    private void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + (EXPIRY_SECONDS + 5) * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Items did not expire; events: " + listener.events);
            }
            Thread.sleep(50);
        }
    }

    private KernelKeyringEngine start() {
        KernelKeyringEngine started = new KernelKeyringEngine(
                TestKeyrings.settings("test", parent, Map.of("session", "Session"), EXPIRY_SECONDS), KEYCTL);
        engines.add(started);
        return started;
    }

    private StorageCollection session() {
        return engine.collection("session");
    }

    private int collectionKeyring() {
        return ((KeyringCollection) session()).keyringSerial();
    }
}
