package io.keyport.storage.keyring.internal;

import io.keyport.api.storage.StorageEngine;
import io.keyport.contract.storage.StorageEngineContractTest;
import java.util.Map;
import org.junit.After;

/**
 * The kernel keyring engine against the storage engine contract, with real system calls below a fresh keyring
 * per test that the test removes afterwards. Its keys outlive the engine, so a restart finds them.
 */
public class KeyringContractTest extends StorageEngineContractTest {

    private final TestKeyrings keyrings = new TestKeyrings();
    private final int parent = keyrings.create();

    @Override
    protected StorageEngine openEngine() {
        return new KernelKeyringEngine(
                new KeyringSettings("contract", parent, Map.of(), 0, true, 0), TestKeyrings.KEYCTL);
    }

    @Override
    protected void closeEngine(StorageEngine engine) {
        ((KernelKeyringEngine) engine).close();
    }

    @Override
    protected boolean isPersistent() {
        return true;
    }

    @After
    public void removeKeys() {
        keyrings.close();
    }
}
