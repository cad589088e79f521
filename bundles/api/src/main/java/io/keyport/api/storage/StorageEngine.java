package io.keyport.api.storage;

import io.keyport.api.secret.SecretValue;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A storage engine instance, registered as an OSGi service. Its collections appear on the bus while
 * the service is registered and disappear when it goes away.
 *
 * <p>Service properties: {@value #NAME_PROPERTY} (required, unique within the daemon) and {@value
 * #CREATES_COLLECTIONS_PROPERTY}. When several engines accept new collections, the one with the highest
 * {@code service.ranking} receives them.
 */
@ConsumerType
public interface StorageEngine {

    /** Service property: the instance name, such as {@code file} or {@code kdbx-work}. */
    String NAME_PROPERTY = "keyport.engine.name";

    /** Service property: {@code true} when Secret Service CreateCollection may create collections here. */
    String CREATES_COLLECTIONS_PROPERTY = "keyport.engine.creates.collections";

    /** Returns the collections this engine serves now. */
    List<StorageCollection> collections();

    /**
     * Creates a collection, unlocked.
     *
     * @param id the collection id, which becomes the last element of its object path; only ASCII
     *     letters, digits and {@code _}
     * @param label the display name
     * @param passphrase the passphrase that protects the new collection; {@code null} for engines
     *     whose collections need none. The engine copies what it needs; the caller closes it.
     * @throws UnsupportedOperationException if this engine does not create collections
     * @throws IllegalArgumentException if a collection with this id exists or the id is invalid
     * @throws StorageException if the collection could not be written
     */
    StorageCollection createCollection(String id, String label, SecretValue passphrase);

    /**
     * Returns {@code true} when {@link #createCollection} needs a passphrase, so that the user must be asked
     * for one first. Engines whose collections need none, such as memory or kernel keyring ones, return
     * {@code false}.
     */
    default boolean needsPassphraseForNewCollections() {
        return true;
    }

    /** Registers a listener for changes to this engine's collections and items. */
    void addListener(StorageListener listener);

    /** Removes a listener added with {@link #addListener}; unknown listeners are ignored. */
    void removeListener(StorageListener listener);
}
