package io.keyport.storage.keyring.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds and discards an engine's keys. Each new key gets the engine's permission mask and, when asked, its timeout
 * before the caller relies on it. A key whose setup fails is discarded again.
 */
final class KernelKeys {

    /** Leave the kernel's default mask: the possessor may do everything, the owning user may only view. */
    static final int DEFAULT_PERMISSIONS = 0;

    /**
     * Possessor and owning user: view, read, write, search, link and set attributes. Used below the user keyring,
     * because whether a process possesses the keys there depends on how its session keyring was set up, and any
     * process of the user can link the user keyring into its session keyring anyway.
     */
    static final int POSSESSOR_AND_USER = 0x3f3f0000;

    private static final Logger LOG = LoggerFactory.getLogger(KernelKeys.class);

    private final KeyctlSyscalls keyctl;
    private final int permissions;

    KernelKeys(KeyctlSyscalls keyctl, int permissions) {
        this.keyctl = keyctl;
        this.permissions = permissions;
    }

    KeyctlSyscalls keyctl() {
        return keyctl;
    }

    /**
     * Adds a key to {@code keyring}, then sets its permissions and timeout.
     *
     * @param payload the payload, or {@code null} for a keyring
     * @param timeoutSeconds the timeout, or 0 for none
     * @return the key's serial number
     */
    int add(String type, String description, byte[] payload, int keyring, long timeoutSeconds) {
        int key = keyctl.addKey(type, description, payload, keyring);
        try {
            if (permissions != DEFAULT_PERMISSIONS) {
                keyctl.setPermissions(key, permissions);
            }
            if (timeoutSeconds > 0) {
                keyctl.setTimeout(key, timeoutSeconds);
            }
            return key;
        } catch (RuntimeException e) {
            discard(key, keyring);
            throw e;
        }
    }

    /**
     * Invalidates a key, then unlinks it from {@code keyring}; failures are logged only, because the key may be gone
     * already. The order matters: after the unlink Keyport may no longer possess the key, and with the default
     * permissions only a possessor may invalidate it. An expired key cannot be invalidated, but the unlink still
     * removes it from the keyring.
     */
    void discard(int key, int keyring) {
        try {
            keyctl.invalidate(key);
        } catch (KeyctlException e) {
            LOG.debug("Could not invalidate key {}: {}", key, e.getMessage());
        }
        unlinkQuietly(key, keyring);
    }

    /**
     * Removes a key that must not survive, such as the metadata key of a deleted item.
     *
     * @throws KeyctlException if the key still exists but could not be invalidated
     */
    void remove(int key, int keyring) {
        try {
            keyctl.invalidate(key);
        } catch (KeyctlException e) {
            if (!e.mayBeGone()) {
                throw e;
            }
        }
        unlinkQuietly(key, keyring);
    }

    private void unlinkQuietly(int key, int keyring) {
        try {
            keyctl.unlink(key, keyring);
        } catch (KeyctlException e) {
            // The kernel's garbage collector usually unlinked the invalidated key already (ENOENT, ENOKEY).
            LOG.trace("Key {} was no longer linked in keyring {}: {}", key, keyring, e.getMessage());
        }
    }
}
