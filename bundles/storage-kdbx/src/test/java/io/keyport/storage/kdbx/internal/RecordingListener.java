package io.keyport.storage.kdbx.internal;

import io.keyport.api.storage.StorageListener;
import java.util.ArrayList;
import java.util.List;

/** Records engine events as strings such as {@code created work/ID}. */
final class RecordingListener implements StorageListener {

    private final List<String> events = new ArrayList<>();

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized void clear() {
        events.clear();
    }

    @Override
    public synchronized void collectionChanged(String collectionId) {
        events.add("collection " + collectionId);
    }

    @Override
    public synchronized void itemCreated(String collectionId, String itemId) {
        events.add("created " + collectionId + "/" + itemId);
    }

    @Override
    public synchronized void itemChanged(String collectionId, String itemId) {
        events.add("changed " + collectionId + "/" + itemId);
    }

    @Override
    public synchronized void itemDeleted(String collectionId, String itemId) {
        events.add("deleted " + collectionId + "/" + itemId);
    }
}
