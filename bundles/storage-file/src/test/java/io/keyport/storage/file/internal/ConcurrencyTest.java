package io.keyport.storage.file.internal;

import static io.keyport.storage.file.internal.TestStores.text;
import static org.junit.Assert.assertEquals;

import io.keyport.api.storage.StorageCollection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final int ITEMS_PER_THREAD = 100;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void concurrentCreatesAreAllStored() throws Exception {
        Path directory = folder.getRoot().toPath().resolve("store");
        RecordingListener listener = new RecordingListener();
        Set<String> ids = new HashSet<>();
        try (FileStorageEngine engine = TestStores.open(directory, 8 * 1024, 0)) {
            engine.addListener(listener);
            StorageCollection login = engine.createCollection("login", "Login", text("pass"));
            ExecutorService executor = Executors.newFixedThreadPool(THREADS);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<List<String>> writer = () -> {
                    List<String> created = new ArrayList<>();
                    for (int i = 0; i < ITEMS_PER_THREAD; i++) {
                        String key = thread + "-" + i;
                        String id = login.createItem("Item " + key, Map.of("key", key), text("secret " + key), false)
                                .id();
                        login.item(id).setLabel("Relabelled " + key);
                        login.search(Map.of("key", key));
                        created.add(id);
                    }
                    return created;
                };
                results.add(executor.submit(writer));
            }
            for (Future<List<String>> result : results) {
                ids.addAll(result.get());
            }
            executor.shutdown();
            assertEquals(THREADS * ITEMS_PER_THREAD, ids.size());
            assertEquals(
                    THREADS * ITEMS_PER_THREAD,
                    listener.events.stream()
                            .filter(event -> event.startsWith("itemCreated"))
                            .count());
        }

        try (FileStorageEngine engine = TestStores.open(directory)) {
            StorageCollection login = engine.collection("login");
            login.unlock(text("pass"));
            assertEquals(ids, new HashSet<>(login.itemIds()));
            for (int t = 0; t < THREADS; t++) {
                for (int i = 0; i < ITEMS_PER_THREAD; i++) {
                    String key = t + "-" + i;
                    List<String> found = login.search(Map.of("key", key));
                    assertEquals(key, 1, found.size());
                    assertEquals("secret " + key, text(login.item(found.get(0)).secret()));
                    assertEquals("Relabelled " + key, login.item(found.get(0)).label());
                }
            }
        }
    }
}
