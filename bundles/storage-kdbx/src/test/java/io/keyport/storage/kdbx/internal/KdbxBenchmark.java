package io.keyport.storage.kdbx.internal;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.Test;
import org.w3c.dom.Element;

/**
 * Measures unlock and save times at 1,000 and 10,000 entries. Not part of the test suite (the class name does not
 * end in Test); run it with {@code ./mvnw -pl bundles/storage-kdbx test -Dtest=KdbxBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}. The database starts as a pykeepass file with a 1 MiB, 2-pass Argon2d,
 * so the numbers show the engine's own work. The KDF is measured apart with 64 MiB, 2 lanes and 10 iterations.
 */
public class KdbxBenchmark {

    private static final int RUNS = 5;

    @Test
    public void unlockAndSave() throws Exception {
        Path directory = Files.createTempDirectory("keyport-kdbx-benchmark");
        try {
            for (int entries : new int[] {1_000, 10_000}) {
                measure(directory, entries);
            }
            measureKdf();
        } finally {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void measure(Path directory, int count) throws Exception {
        Path file = TestDatabases.create(directory, count + ".kdbx", "argon2d", "aes256", true, false);
        try (KdbxStorageEngine engine = TestDatabases.unlocked(TestDatabases.settings(file))) {
            engine.collection().mutate("add benchmark entries", open -> {
                for (int i = 0; i < count; i++) {
                    Element entry = open.editor().create(open.exposedGroup(), KdbxTimes.now());
                    open.mapping().setLabel(entry, "entry " + i);
                    open.mapping().setAttributes(entry, Map.of("service", "service-" + i, "user", "user-" + i));
                    try (SecretValue secret = TestDatabases.text("password number " + i)) {
                        open.mapping().setSecret(entry, secret);
                    }
                }
                return null;
            });
        }
        long size = Files.size(file);

        long[] unlock = new long[RUNS];
        long[] save = new long[RUNS];
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            try (KdbxStorageEngine engine = TestDatabases.unlocked(TestDatabases.settings(file))) {
                unlock[run] = System.nanoTime() - start;
                StorageItem item =
                        engine.collection().item(engine.collection().itemIds().get(count / 2));
                try (SecretValue secret = TestDatabases.text("changed " + run)) {
                    start = System.nanoTime();
                    item.setSecret(secret);
                    save[run] = System.nanoTime() - start;
                }
            }
        }
        System.out.printf(
                "entries=%d file=%d KiB unlock median=%d ms (min %d) save median=%d ms (min %d)%n",
                count + 2, size / 1024, median(unlock), min(unlock), median(save), min(save));
    }

    /** Times Argon2d with the memory and lanes of the blank database that pykeepass ships: 64 MiB, 2 lanes. */
    private static void measureKdf() throws Exception {
        VariantDictionary dictionary = new VariantDictionary();
        dictionary.putBytes("$UUID", Uuids.toBytes(KdfParameters.ARGON2D));
        dictionary.putBytes("S", new byte[32]);
        dictionary.putUint32("P", 2);
        dictionary.putUint64("M", 64L << 20);
        dictionary.putUint64("I", 10);
        dictionary.putUint32("V", 0x13);
        KdfParameters parameters = KdfParameters.fromField(dictionary.serialize());
        long[] times = new long[3];
        for (int run = 0; run < times.length; run++) {
            long start = System.nanoTime();
            KeyTransform.transform(parameters, new byte[32], 1024);
            times[run] = System.nanoTime() - start;
        }
        System.out.printf("Argon2d 64 MiB, 10 iterations, 2 lanes: median=%d ms%n", median(times));
    }

    private static long median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1_000_000;
    }

    private static long min(long[] nanos) {
        return Arrays.stream(nanos).min().orElse(0) / 1_000_000;
    }
}
