package io.keyport.api.storage;

import io.keyport.api.secret.SecretValue;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A collection of items in an engine. Its id, label, times, lock state, item ids and attribute search
 * work while it is locked; reading or changing items does not.
 */
@ConsumerType
public interface StorageCollection {

    /** Returns the id: ASCII letters, digits and {@code _}, stable for the collection's lifetime. */
    String id();

    String label();

    /**
     * Changes the label.
     *
     * @throws LockedException if the engine cannot change a locked collection's label
     */
    void setLabel(String label);

    /** Returns the creation time in seconds since the Unix epoch. */
    long created();

    /** Returns the time of the last change in seconds since the Unix epoch. */
    long modified();

    boolean isLocked();

    /** Returns {@code true} when {@link #unlock} needs a passphrase from the user. */
    boolean needsPassphrase();

    /**
     * Unlocks the collection. Unlocking an unlocked collection does nothing.
     *
     * @param passphrase the passphrase, or {@code null} when {@link #needsPassphrase()} is false; the
     *     engine copies what it needs and the caller closes it
     * @throws WrongPassphraseException if the passphrase does not open the collection
     * @throws StorageException if the stored data cannot be read, for example because it is corrupt
     */
    void unlock(SecretValue passphrase);

    /**
     * Changes the passphrase. An engine does it so that an interruption leaves either the old or the new
     * passphrase working, never neither.
     *
     * @param current the passphrase that opens the collection now
     * @param replacement the new passphrase
     * @throws WrongPassphraseException if {@code current} does not open the collection
     * @throws UnsupportedOperationException if this engine's collections have no passphrase
     */
    default void changePassphrase(SecretValue current, SecretValue replacement) {
        throw new UnsupportedOperationException("This storage engine's collections have no passphrase");
    }

    /** Locks the collection and wipes its keys and decrypted data from memory. */
    void lock();

    /** Returns the ids of all items, locked or not. */
    List<String> itemIds();

    /**
     * Returns the ids of the items whose attributes contain every given name and value, compared as
     * exact, case-sensitive strings. An empty map matches every item. Works while locked.
     */
    List<String> search(Map<String, String> attributes);

    /**
     * Returns an item.
     *
     * @throws NoSuchObjectException if no item has this id
     */
    StorageItem item(String id);

    /**
     * Creates an item, or with {@code replace} updates the item whose attribute set is identical to
     * {@code attributes}, keeping its id.
     *
     * @param secret the secret; the engine copies it and the caller closes it
     * @throws LockedException if the collection is locked
     * @throws StorageException if the item could not be stored
     */
    StorageItem createItem(String label, Map<String, String> attributes, SecretValue secret, boolean replace);

    /**
     * Deletes the collection and its items.
     *
     * @throws UnsupportedOperationException if this engine cannot delete collections
     */
    void delete();
}
