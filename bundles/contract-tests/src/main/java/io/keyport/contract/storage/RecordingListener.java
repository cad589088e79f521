package io.keyport.contract.storage;

import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Records an engine's events as lines such as {@code itemCreated coll 3}. Engines may call listeners from any
 * thread and after their method returned, so checks wait for an event instead of reading the list at once.
 */
final class RecordingListener implements StorageListener {

    private final List<String> events = new ArrayList<>();

    @Override
    public void collectionAdded(StorageCollection collection) {
        record("collectionAdded " + collection.id());
    }

    @Override
    public void collectionRemoved(String collectionId) {
        record("collectionRemoved " + collectionId);
    }

    @Override
    public void collectionChanged(String collectionId) {
        record("collectionChanged " + collectionId);
    }

    @Override
    public void itemCreated(String collectionId, String itemId) {
        record("itemCreated " + collectionId + " " + itemId);
    }

    @Override
    public void itemChanged(String collectionId, String itemId) {
        record("itemChanged " + collectionId + " " + itemId);
    }

    @Override
    public void itemDeleted(String collectionId, String itemId) {
        record("itemDeleted " + collectionId + " " + itemId);
    }

    /** Returns a copy of the events recorded so far. */
    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized void clear() {
        events.clear();
    }

    /**
     * Waits until {@code event} was recorded, removes it and every event before it, and returns whether it came
     * within {@code timeoutMillis}.
     */
    synchronized boolean await(String event, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!events.contains(event)) {
            long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remaining <= 0) {
                return false;
            }
            wait(remaining);
        }
        events.subList(0, events.indexOf(event) + 1).clear();
        return true;
    }

    private synchronized void record(String event) {
        events.add(event);
        notifyAll();
    }
}
