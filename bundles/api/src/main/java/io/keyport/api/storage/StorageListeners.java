package io.keyport.api.storage;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The registered {@link StorageListener}s of one engine, for engines to report their changes with. An engine calls
 * the event methods after a change took effect and outside its own locks, so a listener that calls back into the
 * engine cannot deadlock. All methods are thread-safe.
 *
 * <p>A listener that throws, despite its contract, is passed to the failure handler and does not stop the others.
 */
public final class StorageListeners {

    /** Receives a listener that threw, typically to log it. */
    @FunctionalInterface
    public interface FailureHandler {

        /**
         * @param listener the listener that threw
         * @param event the name of the {@link StorageListener} method that was called
         * @param collectionId the collection the event is about
         * @param failure what the listener threw
         */
        void failed(StorageListener listener, String event, String collectionId, RuntimeException failure);

        /**
         * Returns a handler that writes one warning line naming the listener's class, the event and the collection,
         * with the failure, such as to a logger's {@code warn(String, Throwable)}.
         */
        static FailureHandler logging(BiConsumer<String, Throwable> warning) {
            return (listener, event, collectionId, failure) -> warning.accept(
                    "Storage listener " + listener.getClass().getName() + " failed on " + event + " for collection "
                            + collectionId,
                    failure);
        }
    }

    private final List<StorageListener> listeners = new CopyOnWriteArrayList<>();
    private final FailureHandler onFailure;

    public StorageListeners(FailureHandler onFailure) {
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    }

    public void add(StorageListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void remove(StorageListener listener) {
        listeners.remove(listener);
    }

    public void collectionAdded(StorageCollection collection) {
        fire("collectionAdded", collection.id(), listener -> listener.collectionAdded(collection));
    }

    public void collectionRemoved(String collectionId) {
        fire("collectionRemoved", collectionId, listener -> listener.collectionRemoved(collectionId));
    }

    public void collectionChanged(String collectionId) {
        fire("collectionChanged", collectionId, listener -> listener.collectionChanged(collectionId));
    }

    public void itemCreated(String collectionId, String itemId) {
        fire("itemCreated", collectionId, listener -> listener.itemCreated(collectionId, itemId));
    }

    public void itemChanged(String collectionId, String itemId) {
        fire("itemChanged", collectionId, listener -> listener.itemChanged(collectionId, itemId));
    }

    public void itemDeleted(String collectionId, String itemId) {
        fire("itemDeleted", collectionId, listener -> listener.itemDeleted(collectionId, itemId));
    }

    private void fire(String event, String collectionId, Consumer<StorageListener> call) {
        for (StorageListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                onFailure.failed(listener, event, collectionId, e);
            }
        }
    }
}
