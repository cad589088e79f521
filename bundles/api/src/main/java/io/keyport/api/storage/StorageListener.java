package io.keyport.api.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives an engine's changes, including those made outside Keyport, such as a KDBX file edited in
 * another program. Engines call it after the change took effect, from any thread; implementations
 * return quickly and never throw.
 */
@ConsumerType
public interface StorageListener {

    default void collectionAdded(StorageCollection collection) {}

    default void collectionRemoved(String collectionId) {}

    /** The label, the lock state or the modification time of a collection changed. */
    default void collectionChanged(String collectionId) {}

    default void itemCreated(String collectionId, String itemId) {}

    /** The label, the attributes or the secret of an item changed. */
    default void itemChanged(String collectionId, String itemId) {}

    default void itemDeleted(String collectionId, String itemId) {}
}
