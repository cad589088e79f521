package io.keyport.storage.file.internal;

import static io.keyport.storage.file.internal.TestStores.text;
import static org.junit.Assert.assertTrue;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Feeds the reader damaged and random collection files with a fixed seed, and checks that each one either opens
 * and reads or fails with a {@link StorageException}, never with any other exception or error.
 */
public class JournalReaderFuzzTest {

    private static final long SEED = 0x6b657970L;
    private static final int ITERATIONS = 5000;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void damagedFilesFailOnlyWithStorageException() throws Exception {
        Path source = folder.getRoot().toPath().resolve("source");
        try (FileStorageEngine engine = TestStores.open(source)) {
            StorageCollection login = engine.createCollection("login", "Login", text("pass"));
            for (int i = 0; i < 6; i++) {
                login.createItem("Item " + i, Map.of("n", "" + i, "k", "v"), text("secret " + i), false);
            }
        }
        byte[] valid = Files.readAllBytes(source.resolve("login.collection"));
        byte[] attributeKey = AttributeKeyFile.read(source.resolve("attributes.key"));

        Path target = folder.getRoot().toPath().resolve("target");
        Random random = new Random(SEED);
        int opened = 0;
        try (StoreDirectory directory = StoreDirectory.open(target)) {
            CollectionContext context = TestStores.context(directory, Long.MAX_VALUE);
            Path file = directory.resolve("login.collection");
            for (int iteration = 0; iteration < ITERATIONS; iteration++) {
                int mutation = random.nextInt(8);
                byte[] content = mutate(valid, mutation, random);
                Files.write(file, content);
                try {
                    if (openAndReadAll(context, file, attributeKey)) {
                        opened++;
                    }
                } catch (StorageException expected) {
                    assertTrue(expected.getMessage(), expected.getMessage().contains("login"));
                } catch (Throwable e) {
                    Files.write(folder.getRoot().toPath().resolve("failing.collection"), content);
                    throw new AssertionError(
                            "Iteration " + iteration + " with mutation " + mutation + " threw " + e, e);
                }
                deleteSideFiles(directory.path());
            }
        }
        assertTrue("some mutations should leave a readable file, such as cuts inside the last record", opened > 0);
    }

    /** Opens, unlocks and reads every item; returns whether the file was readable. */
    private static boolean openAndReadAll(CollectionContext context, Path file, byte[] attributeKey) {
        FileStorageCollection collection = CollectionFiles.open(context, file, attributeKey);
        try {
            collection.label();
            collection.search(Map.of("k", "v"));
            collection.unlock(text("pass"));
            for (String id : collection.itemIds()) {
                collection.item(id).label();
                collection.item(id).attributes();
                try (SecretValue secret = collection.item(id).secret()) {
                    secret.length();
                }
            }
            return true;
        } finally {
            collection.close();
        }
    }

    private static byte[] mutate(byte[] valid, int mutation, Random random) {
        byte[] bytes = valid.clone();
        switch (mutation) {
            case 0 -> {
                int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return bytes;
            }
            case 1 -> {
                return Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            case 2 -> {
                int start = random.nextInt(bytes.length);
                int length = Math.min(bytes.length - start, 1 + random.nextInt(64));
                byte[] noise = new byte[length];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, bytes, start, length);
                return bytes;
            }
            case 3 -> {
                int at = random.nextInt(bytes.length + 1);
                byte[] noise = new byte[1 + random.nextInt(64)];
                random.nextBytes(noise);
                return concat(Arrays.copyOf(bytes, at), noise, Arrays.copyOfRange(bytes, at, bytes.length));
            }
            case 4 -> {
                int start = random.nextInt(bytes.length);
                int end = start + random.nextInt(bytes.length - start + 1);
                return concat(bytes, Arrays.copyOfRange(bytes, start, end));
            }
            case 5 -> {
                byte[] noise = new byte[random.nextInt(4096)];
                random.nextBytes(noise);
                return noise;
            }
            case 6 -> {
                byte[] noise = new byte[12 + random.nextInt(512)];
                random.nextBytes(noise);
                System.arraycopy(valid, 0, noise, 0, 10);
                return noise;
            }
            default -> {
                int headerLength = CollectionHeader.readLength(Arrays.copyOf(valid, 12));
                byte[] noise = new byte[random.nextInt(512)];
                random.nextBytes(noise);
                if (noise.length >= 4 && random.nextBoolean()) {
                    // A plausible small length, so the reader gets as far as the checksums.
                    noise[0] = 0;
                    noise[1] = 0;
                    noise[2] = 0;
                }
                return concat(Arrays.copyOf(valid, headerLength), noise);
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] result = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, result, offset, part.length);
            offset += part.length;
        }
        return result;
    }

    private static void deleteSideFiles(Path directory) throws Exception {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.torn-*")) {
            for (Path side : stream) {
                Files.delete(side);
            }
        }
    }
}
