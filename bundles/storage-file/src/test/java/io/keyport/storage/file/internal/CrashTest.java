package io.keyport.storage.file.internal;

import static io.keyport.storage.file.internal.TestStores.text;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageItem;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Kills a writing child JVM with SIGKILL at an arbitrary moment, several times over, and checks that every item whose
 * creation the child acknowledged can be read after reopening.
 *
 * <p>NOTE: SIGKILL ends the process but keeps the kernel's page cache, so this covers a daemon crash, not a power
 * loss. A power loss between write and fsync leaves a torn tail, which {@link TornTailTest} covers by cutting files.
 */
public class CrashTest {

    private static final int ROUNDS = 4;
    private static final int WRITER_THREADS = 3;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    static String secretOf(int number) {
        return "secret number " + number;
    }

    @Test
    public void acknowledgedItemsSurviveKill() throws Exception {
        Path directory = folder.getRoot().toPath().resolve("store");
        Map<Integer, String> acknowledged = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            int before = acknowledged.size();
            acknowledged.putAll(runAndKill(directory, 150 + 100 * round));
            assertTrue("round " + round + " acknowledged no item", acknowledged.size() > before);
            assertAllReadable(directory, acknowledged);
        }
    }

    /** Runs the child until it acknowledged at least {@code minimum} items, kills it, and returns what it printed. */
    private static Map<Integer, String> runAndKill(Path directory, int minimum) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashWriter.class.getName(),
                        directory.toString(),
                        Integer.toString(WRITER_THREADS))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Map<Integer, String> printed = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String line;
            while (printed.size() < minimum && System.nanoTime() < deadline && (line = reader.readLine()) != null) {
                lines.add(line);
                parse(line, printed);
            }
            // The handle sends SIGKILL without closing our end of the pipe, as Process.destroyForcibly() would.
            process.toHandle().destroyForcibly();
            assertTrue("child did not stop after SIGKILL", process.waitFor(30, TimeUnit.SECONDS));
            // Lines already in the pipe were acknowledged before the kill, so they count too.
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                parse(line, printed);
            }
        } finally {
            process.destroyForcibly();
        }
        assertTrue("child printed nothing useful: " + lines.stream().limit(5).toList(), printed.size() > 0);
        return printed;
    }

    private static void parse(String line, Map<Integer, String> printed) {
        String[] fields = line.split(" ");
        if (fields.length == 2) {
            printed.put(Integer.parseInt(fields[0]), fields[1]);
        }
    }

    private static void assertAllReadable(Path directory, Map<Integer, String> acknowledged) {
        try (FileStorageEngine engine = TestStores.open(directory)) {
            assertEquals(Map.of(), engine.unreadableCollections());
            StorageCollection collection = engine.collection("crash");
            collection.unlock(text("pass"));
            for (Map.Entry<Integer, String> entry : acknowledged.entrySet()) {
                StorageItem item = collection.item(entry.getValue());
                assertEquals(secretOf(entry.getKey()), text(item.secret()));
                assertEquals(
                        entry.getValue(),
                        collection.search(Map.of("number", "" + entry.getKey())).get(0));
            }
        }
    }
}
