package org.example.keyport.directory;

import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageEngine;
import io.keyport.contract.storage.StorageEngineContractTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

/**
 * The engine against Keyport's storage engine contract, on a directory with a text and a binary file. It is
 * read-only, so the kit checks that writes throw UnsupportedOperationException and skips the tests that write.
 */
public class DirectoryContractTest extends StorageEngineContractTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path directory;

    @Override
    protected StorageEngine openEngine() {
        // The kit's @Before runs before a subclass's, so the files are made here on the first open.
        if (directory == null) {
            try {
                directory = folder.newFolder("credentials").toPath();
                Files.writeString(directory.resolve("db-password"), "hunter2", StandardCharsets.UTF_8);
                Files.write(directory.resolve("tls.key"), new byte[] {0, 1, 2, (byte) 0xff});
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new DirectoryStorageEngine("test", directory, "credentials", "Credentials", 1024);
    }

    @Override
    protected void closeEngine(StorageEngine engine) {
        ((DirectoryStorageEngine) engine).deactivate();
    }

    @Override
    protected boolean isPersistent() {
        return true;
    }

    @Override
    protected boolean isWritable() {
        return false;
    }

    @Override
    protected boolean createsCollections() {
        return false;
    }

    @Override
    protected StorageCollection collectionUnderTest(StorageEngine opened) {
        return opened.collections().get(0);
    }
}
