package io.keyport.storage.keyring.internal;

import static io.keyport.storage.keyring.internal.KernelKeyringEngineTest.secret;
import static io.keyport.storage.keyring.internal.KernelKeyringEngineTest.text;
import static org.junit.Assert.assertEquals;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.After;
import org.junit.Test;

/** Several threads writing and reading one collection, as the exporter's bus threads do. */
public class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final int ITEMS_PER_THREAD = 20;

    private final TestKeyrings keyrings = new TestKeyrings();
    private final RecordingListener listener = new RecordingListener();
    private KernelKeyringEngine engine;

    @After
    public void removeKeys() {
        if (engine != null) {
            engine.close();
        }
        keyrings.close();
    }

    @Test
    public void parallelWritesKeepDistinctItems() throws Exception {
        int parent = keyrings.create();
        // A rescan every second runs alongside the writers.
        engine = new KernelKeyringEngine(
                new KeyringSettings("concurrent", parent, Map.of("session", "Session"), 0, false, 1),
                TestKeyrings.KEYCTL);
        engine.addListener(listener);
        StorageCollection session = engine.collection("session");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> results = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            String owner = "thread" + thread;
            results.add(pool.submit(() -> {
                for (int i = 0; i < ITEMS_PER_THREAD; i++) {
                    String value = owner + "-" + i;
                    StorageItem item =
                            session.createItem(value, Map.of("owner", owner, "n", value), secret(value), false);
                    item.setSecret(secret(value + "!"));
                    try (SecretValue read = item.secret()) {
                        assertEquals(value + "!", text(read));
                    }
                    assertEquals(List.of(item.id()), session.search(Map.of("n", value)));
                }
                return null;
            }));
        }
        for (Future<?> result : results) {
            result.get();
        }
        pool.shutdown();

        assertEquals(THREADS * ITEMS_PER_THREAD, new HashSet<>(session.itemIds()).size());
        assertEquals(
                ITEMS_PER_THREAD, session.search(Map.of("owner", "thread3")).size());
        assertEquals(
                THREADS * ITEMS_PER_THREAD,
                listener.events.stream()
                        .filter(e -> e.startsWith("itemCreated"))
                        .count());
        engine.close();
        KernelKeyringEngine restarted = new KernelKeyringEngine(
                new KeyringSettings("concurrent", parent, Map.of(), 0, false, 0), TestKeyrings.KEYCTL);
        assertEquals(
                THREADS * ITEMS_PER_THREAD,
                restarted.collection("session").itemIds().size());
        restarted.close();
    }
}
