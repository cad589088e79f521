package io.keyport.api.storage;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class StorageListenersTest {

    private final List<String> failures = new ArrayList<>();
    private final StorageListeners listeners = new StorageListeners((listener, event, collectionId, failure) ->
            failures.add(event + " " + collectionId + " " + failure.getMessage()));

    @Test
    public void everyListenerHearsEvents() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        listeners.add(recording(first));
        listeners.add(recording(second));

        listeners.itemCreated("login", "7");
        listeners.collectionRemoved("work");

        assertEquals(List.of("itemCreated login 7", "collectionRemoved work"), first);
        assertEquals(first, second);
    }

    @Test
    public void throwingListenerDoesNotStopOthers() {
        List<String> received = new ArrayList<>();
        listeners.add(throwing());
        listeners.add(recording(received));

        listeners.itemDeleted("login", "7");

        assertEquals(List.of("itemDeleted login 7"), received);
        assertEquals(List.of("itemDeleted login listener broke"), failures);
    }

    @Test
    public void loggingHandlerNamesEventAndCollection() {
        List<String> lines = new ArrayList<>();
        StorageListeners logged =
                new StorageListeners(StorageListeners.FailureHandler.logging((line, failure) -> lines.add(line)));
        logged.add(throwing());

        logged.itemDeleted("login", "7");

        assertEquals(1, lines.size());
        assertTrue(lines.get(0), lines.get(0).endsWith(" failed on itemDeleted for collection login"));
    }

    @Test
    public void removedListenerHearsNothing() {
        List<String> received = new ArrayList<>();
        StorageListener listener = recording(received);
        listeners.add(listener);
        listeners.remove(listener);

        listeners.collectionChanged("login");

        assertEquals(List.of(), received);
    }

    /** Returns a listener that records the events this test fires. */
    private static StorageListener recording(List<String> calls) {
        return new StorageListener() {
            @Override
            public void collectionRemoved(String collectionId) {
                calls.add("collectionRemoved " + collectionId);
            }

            @Override
            public void collectionChanged(String collectionId) {
                calls.add("collectionChanged " + collectionId);
            }

            @Override
            public void itemCreated(String collectionId, String itemId) {
                calls.add("itemCreated " + collectionId + " " + itemId);
            }

            @Override
            public void itemDeleted(String collectionId, String itemId) {
                calls.add("itemDeleted " + collectionId + " " + itemId);
            }
        };
    }

    private static StorageListener throwing() {
        return new StorageListener() {
            @Override
            public void itemDeleted(String collectionId, String itemId) {
                throw new IllegalStateException("listener broke");
            }
        };
    }
}
