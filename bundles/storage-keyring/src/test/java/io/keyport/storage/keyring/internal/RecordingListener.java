package io.keyport.storage.keyring.internal;

import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records storage events as text such as {@code itemCreated session/1}. */
final class RecordingListener implements StorageListener {

    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void collectionAdded(StorageCollection collection) {
        events.add("collectionAdded " + collection.id());
    }

    @Override
    public void collectionRemoved(String collectionId) {
        events.add("collectionRemoved " + collectionId);
    }

    @Override
    public void collectionChanged(String collectionId) {
        events.add("collectionChanged " + collectionId);
    }

    @Override
    public void itemCreated(String collectionId, String itemId) {
        events.add("itemCreated " + collectionId + "/" + itemId);
    }

    @Override
    public void itemChanged(String collectionId, String itemId) {
        events.add("itemChanged " + collectionId + "/" + itemId);
    }

    @Override
    public void itemDeleted(String collectionId, String itemId) {
        events.add("itemDeleted " + collectionId + "/" + itemId);
    }
}
