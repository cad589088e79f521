package io.keyport.storage.keyring.internal;

import io.keyport.api.storage.StorageListeners;
import java.util.function.Consumer;

/**
 * The collaborators that the collections of one engine share.
 *
 * @param events the engine's listeners
 * @param expirySeconds the lifetime of new items in seconds, or 0 for none
 * @param expiryChecks runs a collection's expiry check at a time in seconds since the Unix epoch
 * @param gone called when a collection vanished from the kernel or was deleted, so the engine stops serving it
 */
record CollectionContext(
        StorageListeners events, long expirySeconds, ExpiryScheduler expiryChecks, Consumer<KeyringCollection> gone) {

    /** Runs expiry checks. */
    interface ExpiryScheduler {
        void checkAt(KeyringCollection collection, long epochSecond);
    }
}
