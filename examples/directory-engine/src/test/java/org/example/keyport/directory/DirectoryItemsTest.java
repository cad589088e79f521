package org.example.keyport.directory;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.NoSuchObjectException;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** How files map to items: names, ids, hidden files, subdirectories, size limit and removal. */
public class DirectoryItemsTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path directory;
    private StorageCollection collection;

    @Before
    public void createDirectory() throws Exception {
        directory = folder.newFolder("credentials").toPath();
        collection = new DirectoryStorageEngine("test", directory, "credentials", "Credentials", 8)
                .collections()
                .get(0);
    }

    @Test
    public void fileBecomesItem() throws Exception {
        Files.writeString(directory.resolve("api-token"), "s3cret");

        String id = collection.search(Map.of("file", "api-token")).get(0);

        assertEquals("api-token", collection.item(id).label());
        assertEquals(Map.of("file", "api-token"), collection.item(id).attributes());
        try (SecretValue secret = collection.item(id).secret()) {
            assertArrayEquals("s3cret".getBytes(StandardCharsets.UTF_8), secret.copyBytes());
        }
    }

    @Test
    public void hiddenFilesAndDirectoriesSkipped() throws Exception {
        Files.writeString(directory.resolve(".hidden"), "x");
        Files.createDirectory(directory.resolve("sub"));
        Files.writeString(directory.resolve("visible"), "x");

        assertEquals(1, collection.itemIds().size());
        assertEquals(List.of(), collection.search(Map.of("file", ".hidden")));
    }

    @Test
    public void oversizedFileRejected() throws Exception {
        Files.writeString(directory.resolve("big"), "more than eight bytes");

        String id = collection.itemIds().get(0);

        assertThrows(StorageException.class, () -> collection.item(id).secret());
    }

    @Test
    public void removedFileIsGone() throws Exception {
        Path file = Files.writeString(directory.resolve("gone"), "x");
        String id = collection.itemIds().get(0);

        Files.delete(file);

        assertThrows(NoSuchObjectException.class, () -> collection.item(id));
        assertEquals(List.of(), collection.itemIds());
    }

    @Test
    public void foreignIdsNotFound() {
        for (String id : List.of("1", "f", "fzz", "f2e2e2f6574632f706173737764", "f2e2e")) {
            assertThrows(id, NoSuchObjectException.class, () -> collection.item(id));
        }
    }
}
