package io.keyport.storage.keyring.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The validated settings of one kernel keyring engine.
 *
 * @param name the engine instance name, part of each collection keyring's description
 * @param parentKeyring {@link KeyctlSyscalls#USER_KEYRING}, {@link KeyctlSyscalls#SESSION_KEYRING}, or the serial
 *     number of a keyring, which tests use
 * @param collections the collections to serve, created when missing: id to label, in configuration order
 * @param expirySeconds the lifetime of each new item in seconds, or 0 for none
 * @param createsCollections whether Secret Service CreateCollection may create collections here
 * @param rescanSeconds the interval of the check for changes made outside Keyport, or 0 for none
 */
record KeyringSettings(
        String name,
        int parentKeyring,
        Map<String, String> collections,
        long expirySeconds,
        boolean createsCollections,
        long rescanSeconds) {

    /** The default interval of the check for changes made outside Keyport. */
    static final long DEFAULT_RESCAN_SECONDS = 5;

    KeyringSettings {
        if (!KeyNames.ENGINE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "name=" + name + " is invalid: write 1 to 64 ASCII letters, digits, '.', '_' or '-'");
        }
        if (expirySeconds < 0) {
            throw new IllegalArgumentException(
                    "expiry.seconds must be 0 (no expiry) or positive, not " + expirySeconds);
        }
        if (rescanSeconds < 0) {
            throw new IllegalArgumentException("rescan.seconds must be 0 (off) or positive, not " + rescanSeconds);
        }
        collections = Collections.unmodifiableMap(new LinkedHashMap<>(collections));
    }

    /** Returns {@link KeyctlSyscalls#USER_KEYRING} for {@code user} and {@link KeyctlSyscalls#SESSION_KEYRING} for {@code session}. */
    static int parentKeyring(String keyring) {
        return switch (keyring.trim()) {
            case "user" -> KeyctlSyscalls.USER_KEYRING;
            case "session" -> KeyctlSyscalls.SESSION_KEYRING;
            default -> throw new IllegalArgumentException("keyring must be user or session, not " + keyring);
        };
    }

    /**
     * Parses {@code ID=LABEL} entries; an entry without {@code =} uses the id as label.
     *
     * @throws IllegalArgumentException if an id is invalid or appears twice; the message contains no label
     */
    static Map<String, String> parseCollections(String[] entries) {
        Map<String, String> collections = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i];
            int equals = entry.indexOf('=');
            String id = (equals < 0 ? entry : entry.substring(0, equals)).trim();
            String label = equals < 0 ? id : entry.substring(equals + 1).trim();
            if (!KeyNames.COLLECTION_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("collections entry " + (i + 1) + " has an invalid id: write ID=LABEL"
                        + " with 1 to 128 ASCII letters, digits or _ before the =");
            }
            if (collections.put(id, label) != null) {
                throw new IllegalArgumentException("collections names " + id + " twice: write each collection id once");
            }
        }
        return collections;
    }

    /** Names the parent keyring for log lines. */
    String parentName() {
        return switch (parentKeyring) {
            case KeyctlSyscalls.USER_KEYRING -> "user keyring";
            case KeyctlSyscalls.SESSION_KEYRING -> "session keyring";
            default -> "keyring " + parentKeyring;
        };
    }
}
