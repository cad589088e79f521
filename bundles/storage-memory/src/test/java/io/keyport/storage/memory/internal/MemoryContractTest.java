package io.keyport.storage.memory.internal;

import io.keyport.api.storage.StorageEngine;
import io.keyport.contract.storage.StorageEngineContractTest;

/** The memory engine against the storage engine contract. It keeps nothing once it stops. */
public class MemoryContractTest extends StorageEngineContractTest {

    @Override
    protected StorageEngine openEngine() {
        return new MemoryStorageEngine("test");
    }

    @Override
    protected void closeEngine(StorageEngine engine) {
        ((MemoryStorageEngine) engine).deactivate();
    }

    @Override
    protected boolean isPersistent() {
        return false;
    }
}
