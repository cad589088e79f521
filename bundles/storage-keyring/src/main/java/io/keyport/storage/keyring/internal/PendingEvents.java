package io.keyport.storage.keyring.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Listener events that a collection queues while it holds its monitor and runs once it released it. No listener then
 * runs under the monitor, where a listener that calls back into Keyport from another thread could deadlock.
 */
final class PendingEvents {

    private final Object owner;
    private final Queue<Runnable> events = new ConcurrentLinkedQueue<>();

    /** @param owner the object whose monitor must be released before events run */
    PendingEvents(Object owner) {
        this.owner = owner;
    }

    void add(Runnable event) {
        events.add(event);
    }

    /** Runs the queued events, unless the calling thread still holds the owner's monitor. */
    void flush() {
        if (Thread.holdsLock(owner)) {
            return;
        }
        Runnable event;
        while ((event = events.poll()) != null) {
            event.run();
        }
    }

    void clear() {
        events.clear();
    }
}
