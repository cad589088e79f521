package io.keyport.storage.keyring.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fresh keyrings for one test, linked in the test process's session keyring, and the removal of every key below
 * them afterwards. Without a session keyring of its own the process uses the user session keyring, which links the
 * user keyring, so the process possesses what it creates.
 */
final class TestKeyrings implements AutoCloseable {

    static final KeyctlSyscalls KEYCTL = KeyctlSyscalls.load();

    private final int session = KEYCTL.keyringSerial(KeyctlSyscalls.SESSION_KEYRING, false);
    private final List<Integer> created = new ArrayList<>();

    /** Creates an empty keyring with a unique description in the session keyring. */
    int create() {
        int keyring = KEYCTL.addKey(KeyNames.KEYRING_TYPE, "keyport-test:" + UUID.randomUUID(), null, session);
        created.add(keyring);
        return keyring;
    }

    /** Returns settings for an engine named {@code name} below {@code parent}, without the periodic rescan. */
    static KeyringSettings settings(String name, int parent, Map<String, String> collections, long expirySeconds) {
        return new KeyringSettings(name, parent, collections, expirySeconds, true, 0);
    }

    /** Invalidates every key below the created keyrings, then the keyrings, and unlinks them. */
    @Override
    public void close() {
        for (int keyring : created) {
            invalidateTree(keyring);
            try {
                KEYCTL.unlink(keyring, session);
            } catch (KeyctlException e) {
                // Invalidation usually unlinked it already.
            }
        }
        created.clear();
    }

    /** Returns the serial numbers linked in a keyring, or none when it is gone. */
    static int[] listOrEmpty(int keyring) {
        try {
            return KEYCTL.readKeyring(keyring);
        } catch (KeyctlException e) {
            return new int[0];
        }
    }

    private static void invalidateTree(int key) {
        try {
            if (KEYCTL.describe(key).type().equals(KeyNames.KEYRING_TYPE)) {
                for (int child : listOrEmpty(key)) {
                    invalidateTree(child);
                }
            }
        } catch (KeyctlException e) {
            // An expired or vanished key: its keyring's invalidation removes the link.
        }
        try {
            KEYCTL.invalidate(key);
        } catch (KeyctlException e) {
            // Gone already.
        }
    }
}
