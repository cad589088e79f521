package io.keyport.storage.file.internal;

import io.keyport.api.crypto.Argon2idParameters;
import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Measures the file store with System.nanoTime: durable creates one thread and eight threads at a time, deletes,
 * search and read latency, open and unlock time, and bytes on disk per item, at several store sizes. Prints Markdown.
 *
 * <p>Arguments: a scratch directory, then the store sizes (default 100 1000 10000 100000).
 */
public final class FileStoreBenchmark {

    private static final Argon2idParameters DEFAULT_ARGON2 = new Argon2idParameters(64 * 1024, 3, 1);
    private static final int THREADS = 8;

    private FileStoreBenchmark() {}

    public static void main(String[] arguments) throws Exception {
        Path scratch = Path.of(arguments.length > 0 ? arguments[0] : "target/benchmark");
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i < arguments.length; i++) {
            sizes.add(Integer.parseInt(arguments[i]));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(100, 1000, 10_000, 100_000);
        }
        argon2Costs();
        System.out.println();
        System.out.println("| items | fill, 8 threads (creates/s) | create, 1 thread (creates/s) | create, 8 threads"
                + " (creates/s) | delete, 1 thread (deletes/s) | search p50 / p99 (µs) | read p50 / p99 (µs) | open"
                + " (ms) | unlock (ms) | bytes per item |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (int size : sizes) {
            measure(scratch.resolve("store-" + size), size);
        }
    }

    private static void argon2Costs() {
        System.out.println("| Argon2id costs | derivation (ms), median of 5 after one warm-up |");
        System.out.println("| --- | --- |");
        for (Argon2idParameters costs : List.of(DEFAULT_ARGON2, new Argon2idParameters(64 * 1024, 3, 4))) {
            TestStores.KDF.argon2id(new byte[12], new byte[16], costs, 32);
            long[] times = new long[5];
            for (int i = 0; i < times.length; i++) {
                long start = System.nanoTime();
                TestStores.KDF.argon2id(new byte[12], new byte[16], costs, 32);
                times[i] = System.nanoTime() - start;
            }
            Arrays.sort(times);
            System.out.printf(
                    "| %d KiB, %d passes, %d lanes | %.0f |%n",
                    costs.memoryKiB(), costs.iterations(), costs.parallelism(), times[2] / 1e6);
        }
    }

    private static void measure(Path directory, int size) throws Exception {
        deleteRecursively(directory);
        FileStoreSettings settings = new FileStoreSettings(
                "bench", directory, true, DEFAULT_ARGON2, 0, FileStoreSettings.DEFAULT_COMPACTION_MINIMUM_BYTES);
        List<String> ids = Collections.synchronizedList(new ArrayList<>());

        double fillRate;
        double singleRate;
        double concurrentRate;
        double deleteRate;
        long[] search;
        long[] read;
        try (FileStorageEngine engine = new FileStorageEngine(settings, TestStores.AEAD, TestStores.KDF)) {
            StorageCollection login = engine.createCollection("login", "Login", TestStores.text("benchmark"));
            AtomicInteger counter = new AtomicInteger();

            fillRate = concurrentCreates(login, size, counter, ids);
            singleRate = singleCreates(login, Math.min(1000, Math.max(100, size / 10)), counter, ids);
            concurrentRate = concurrentCreates(login, Math.min(4000, Math.max(400, size / 5)), counter, ids);

            // The first pass lets the JIT compile the code paths; only the second is reported.
            searchLatencies(login, counter.get(), 5000);
            search = searchLatencies(login, counter.get(), 5000);
            readLatencies(login, ids, 5000);
            read = readLatencies(login, ids, 5000);

            deleteRate = deletes(login, ids, Math.min(1000, Math.max(100, size / 10)));
        }

        // Everything in the directory, divided by the live items at the end of the run.
        long bytes;
        try (Stream<Path> files = Files.list(directory)) {
            bytes = files.mapToLong(FileStoreBenchmark::size).sum();
        }

        long openStart = System.nanoTime();
        try (FileStorageEngine engine = new FileStorageEngine(settings, TestStores.AEAD, TestStores.KDF)) {
            double openMillis = (System.nanoTime() - openStart) / 1e6;
            long unlockStart = System.nanoTime();
            engine.collection("login").unlock(TestStores.text("benchmark"));
            double unlockMillis = (System.nanoTime() - unlockStart) / 1e6;

            int items = engine.collection("login").itemIds().size();
            System.out.printf(
                    "| %,d | %,.0f | %,.0f | %,.0f | %,.0f | %.0f / %.0f | %.0f / %.0f | %.0f | %.0f | %d |%n",
                    size,
                    fillRate,
                    singleRate,
                    concurrentRate,
                    deleteRate,
                    search[0] / 1e3,
                    search[1] / 1e3,
                    read[0] / 1e3,
                    read[1] / 1e3,
                    openMillis,
                    unlockMillis,
                    bytes / items);
        }
        deleteRecursively(directory);
    }

    private static double concurrentCreates(StorageCollection login, int count, AtomicInteger counter, List<String> ids)
            throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        AtomicInteger left = new AtomicInteger(count);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            futures.add(executor.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    ids.add(create(login, counter.incrementAndGet()));
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double rate = count / ((System.nanoTime() - start) / 1e9);
        executor.shutdown();
        return rate;
    }

    private static double singleCreates(StorageCollection login, int count, AtomicInteger counter, List<String> ids) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            ids.add(create(login, counter.incrementAndGet()));
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static String create(StorageCollection login, int number) {
        Map<String, String> attributes = Map.of(
                "xdg:schema", "org.example.Password", "service", "service-" + number % 50, "user", "user-" + number);
        try (SecretValue secret = TestStores.text("secret-" + number + "-padded-to-typical-password-size")) {
            return login.createItem("Password for user-" + number, attributes, secret, false)
                    .id();
        }
    }

    /** Returns the median and 99th percentile, in nanoseconds, of searching one user among all items. */
    private static long[] searchLatencies(StorageCollection login, int maxNumber, int samples) {
        Random random = new Random(1);
        long[] times = new long[samples];
        for (int i = 0; i < samples; i++) {
            int number = 1 + random.nextInt(maxNumber);
            long start = System.nanoTime();
            List<String> found = login.search(Map.of("xdg:schema", "org.example.Password", "user", "user-" + number));
            times[i] = System.nanoTime() - start;
            if (found.size() != 1) {
                throw new IllegalStateException("Search found " + found.size() + " items for user " + number);
            }
        }
        return percentiles(times);
    }

    /** Returns the median and 99th percentile, in nanoseconds, of reading one item's label, attributes and secret. */
    private static long[] readLatencies(StorageCollection login, List<String> ids, int samples) {
        Random random = new Random(2);
        long[] times = new long[samples];
        for (int i = 0; i < samples; i++) {
            String id = ids.get(random.nextInt(ids.size()));
            long start = System.nanoTime();
            StorageItem item = login.item(id);
            item.label();
            item.attributes();
            try (SecretValue secret = item.secret()) {
                secret.length();
            }
            times[i] = System.nanoTime() - start;
        }
        return percentiles(times);
    }

    private static double deletes(StorageCollection login, List<String> ids, int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            login.item(ids.remove(ids.size() - 1)).delete();
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static long[] percentiles(long[] times) {
        Arrays.sort(times);
        return new long[] {times[times.length / 2], times[(int) (times.length * 0.99)]};
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) throws Exception {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
