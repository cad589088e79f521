package io.keyport.storage.file.internal;

import io.keyport.api.storage.StorageEngine;
import io.keyport.contract.storage.StorageEngineContractTest;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

/** The file engine against the storage engine contract, on a fresh directory per test with a fast Argon2id. */
public class FileContractTest extends StorageEngineContractTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Override
    protected StorageEngine openEngine() {
        return TestStores.open(folder.getRoot().toPath().resolve("store"));
    }

    @Override
    protected void closeEngine(StorageEngine engine) {
        ((FileStorageEngine) engine).close();
    }

    @Override
    protected boolean isPersistent() {
        return true;
    }

    @Override
    protected String passphrase() {
        return "contract passphrase";
    }
}
