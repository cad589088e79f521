package io.keyport.storage.file.internal;

import static io.keyport.storage.file.internal.TestStores.text;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageItem;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Cuts or pads the end of a journal as an interrupted append would, and checks that the store recovers. */
public class TornTailTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path directory;
    private Path file;
    private byte[] original;
    private List<String> ids;
    private int lastRecordOffset;

    @Before
    public void writeStore() throws Exception {
        directory = folder.getRoot().toPath().resolve("store");
        ids = new ArrayList<>();
        try (FileStorageEngine engine = TestStores.open(directory)) {
            StorageCollection login = engine.createCollection("login", "Login", text("pass"));
            for (int i = 0; i < 3; i++) {
                ids.add(login.createItem("Item " + i, Map.of("n", "" + i), text("secret " + i), false)
                        .id());
            }
        }
        file = directory.resolve("login.collection");
        original = Files.readAllBytes(file);
        int offset = CollectionHeader.readLength(Arrays.copyOf(original, 12));
        while (offset < original.length) {
            lastRecordOffset = offset;
            offset += 12 + new BinaryReader(original, offset, 4).readInt();
        }
    }

    @Test
    public void partialLastRecordIsCutOff() throws Exception {
        for (int cut : new int[] {1, 5, 12, 13, 40, original.length - lastRecordOffset - 1}) {
            Files.write(file, Arrays.copyOf(original, original.length - cut));

            assertRecovered("cut " + cut, ids.subList(0, 2));
            assertEquals("cut " + cut, lastRecordOffset, Files.size(file));
            byte[] side = Files.readAllBytes(singleSideFile());
            assertArrayEquals(Arrays.copyOfRange(original, lastRecordOffset, original.length - cut), side);
            deleteSideFiles();
        }
    }

    @Test
    public void zeroPaddingIsCutOff() throws Exception {
        Files.write(file, Arrays.copyOf(original, original.length + 4096));

        assertRecovered("zeros", ids);
        assertEquals(original.length, Files.size(file));
    }

    @Test
    public void lastRecordWithBadBodyIsCutOff() throws Exception {
        byte[] damaged = original.clone();
        damaged[damaged.length - 3] ^= 1;
        Files.write(file, damaged);

        assertRecovered("damaged body", ids.subList(0, 2));
    }

    @Test
    public void storeAcceptsWritesAfterRecovery() throws Exception {
        Files.write(file, Arrays.copyOf(original, original.length - 7));
        String added;
        try (FileStorageEngine engine = TestStores.open(directory)) {
            StorageCollection login = engine.collection("login");
            login.unlock(text("pass"));
            added = login.createItem("New", Map.of("n", "new"), text("fresh"), false)
                    .id();
        }

        try (FileStorageEngine engine = TestStores.open(directory)) {
            StorageCollection login = engine.collection("login");
            login.unlock(text("pass"));
            assertEquals(List.of(ids.get(0), ids.get(1), added), login.itemIds());
            assertEquals("fresh", text(login.item(added).secret()));
        }
    }

    private void assertRecovered(String scenario, List<String> expected) throws Exception {
        try (FileStorageEngine engine = TestStores.open(directory)) {
            StorageCollection login = engine.collection("login");
            assertTrue(scenario, engine.unreadableCollections().isEmpty());
            assertEquals(scenario, expected, login.itemIds());
            login.unlock(text("pass"));
            for (String id : expected) {
                StorageItem item = login.item(id);
                assertTrue(scenario, text(item.secret()).startsWith("secret "));
            }
        }
    }

    private Path singleSideFile() throws Exception {
        List<Path> sideFiles = sideFiles();
        assertEquals(1, sideFiles.size());
        return sideFiles.get(0);
    }

    private List<Path> sideFiles() throws Exception {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "login.collection.torn-*")) {
            stream.forEach(files::add);
        }
        return files;
    }

    private void deleteSideFiles() throws Exception {
        for (Path side : sideFiles()) {
            Files.delete(side);
        }
    }
}
