package io.keyport.storage.kdbx.internal;

import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageEngine;
import io.keyport.contract.storage.StorageEngineContractTest;
import java.nio.file.Path;
import java.util.Set;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

/**
 * The KDBX engine against the storage engine contract, on a copy of a KDBX 4 database that pykeepass made. The
 * engine serves that one database as its only collection and creates no others.
 */
public class KdbxContractTest extends StorageEngineContractTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path database;

    @Override
    protected StorageEngine openEngine() {
        // The kit opens the engine in its own @Before, which JUnit runs before a subclass's, so the database is
        // made here on the first open.
        if (database == null) {
            database =
                    TestDatabases.create(folder.getRoot().toPath(), "contract.kdbx", "argon2d", "aes256", true, false);
        }
        return new KdbxStorageEngine(TestDatabases.settings(database));
    }

    @Override
    protected void closeEngine(StorageEngine engine) {
        ((KdbxStorageEngine) engine).close();
    }

    @Override
    protected boolean isPersistent() {
        return true;
    }

    @Override
    protected String passphrase() {
        return TestDatabases.PASSWORD;
    }

    @Override
    protected boolean createsCollections() {
        return false;
    }

    /** KeePassXC's mapping, which this engine follows, shows the standard fields and the entry's place too. */
    @Override
    protected Set<String> derivedAttributeNames() {
        return Set.of("Title", "UserName", "URL", "Notes", ItemMapping.UUID_ATTRIBUTE, ItemMapping.PATH_ATTRIBUTE);
    }

    @Override
    protected StorageCollection collectionUnderTest(StorageEngine opened) {
        StorageCollection only = opened.collections().get(0);
        unlock(only);
        return only;
    }
}
