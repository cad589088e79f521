package org.example.keyport.template;

import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageEngine;
import io.keyport.contract.storage.StorageEngineContractTest;

/** The engine against Keyport's storage engine contract. It keeps nothing once it stops. */
public class TemplateContractTest extends StorageEngineContractTest {

    @Override
    protected StorageEngine openEngine() {
        return new TemplateStorageEngine("test", "contract", "Contract tests");
    }

    @Override
    protected void closeEngine(StorageEngine engine) {
        ((TemplateStorageEngine) engine).deactivate();
    }

    @Override
    protected boolean isPersistent() {
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
