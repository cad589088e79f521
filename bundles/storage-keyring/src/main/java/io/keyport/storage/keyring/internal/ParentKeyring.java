package io.keyport.storage.keyring.internal;

import io.keyport.api.storage.StorageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keyring that contains an engine's collection keyrings: the user keyring, the session keyring or, in tests, any
 * keyring. Callers synchronize on it around {@link #discover} and {@link #create}.
 */
final class ParentKeyring {

    private static final Logger LOG = LoggerFactory.getLogger(ParentKeyring.class);

    private final KeyctlSyscalls keyctl;
    private final KernelKeys keys;
    private final KeyringSettings settings;
    private final int serial;
    private final Set<Integer> known = new HashSet<>();
    private final Map<String, String> unreadable = new HashMap<>();

    private ParentKeyring(KeyctlSyscalls keyctl, KeyringSettings settings, int serial) {
        this.keyctl = keyctl;
        this.keys = new KernelKeys(
                keyctl,
                settings.parentKeyring() == KeyctlSyscalls.USER_KEYRING
                        ? KernelKeys.POSSESSOR_AND_USER
                        : KernelKeys.DEFAULT_PERMISSIONS);
        this.settings = settings;
        this.serial = serial;
    }

    /**
     * Finds the parent keyring's serial number. The user keyring is created when missing. The session keyring is
     * looked up without creating one: a process without a session keyring then uses the user session keyring
     * instead of a new anonymous one that would end with the process.
     *
     * @throws StorageException if the keyring cannot be reached, with the errno's meaning
     */
    static ParentKeyring resolve(KeyctlSyscalls keyctl, KeyringSettings settings) {
        int id = settings.parentKeyring();
        int serial;
        KeyDescription description;
        try {
            serial = keyctl.keyringSerial(id, id == KeyctlSyscalls.USER_KEYRING);
            description = keyctl.describe(serial);
        } catch (KeyctlException e) {
            throw new StorageException(
                    "Kernel keyring engine " + settings.name() + " cannot reach the " + settings.parentName() + ": "
                            + e.getMessage(),
                    e);
        }
        if (!description.type().equals(KeyNames.KEYRING_TYPE)) {
            throw new StorageException("Kernel keyring engine " + settings.name() + ": key " + serial + " is a "
                    + description.type() + ", not a keyring");
        }
        if (id == KeyctlSyscalls.SESSION_KEYRING && description.description().startsWith("_uid_ses.")) {
            LOG.warn(
                    "Keyport runs without a session keyring of its own, so kernel keyring engine {} keeps its"
                            + " collections in the user session keyring {} ({}), which outlives the login session",
                    settings.name(),
                    serial,
                    description.description());
        }
        return new ParentKeyring(keyctl, settings, serial);
    }

    int serial() {
        return serial;
    }

    int[] list() {
        return keyctl.readKeyring(serial);
    }

    /**
     * Opens the collection keyrings of this engine in the parent keyring that are not served yet. Keys seen once
     * are not described again; a collection keyring that cannot be read is logged once and not served.
     *
     * @param served the ids of the collections served now
     */
    List<KeyringCollection> discover(CollectionContext context, SecretKeyTypes secretTypes, Set<String> served) {
        List<KeyringCollection> opened = new ArrayList<>();
        Set<Integer> linked = new HashSet<>();
        for (int key : list()) {
            linked.add(key);
            if (!known.add(key)) {
                continue;
            }
            String id = collectionId(key);
            if (id == null || served.contains(id)) {
                continue;
            }
            try {
                CollectionKeyring keyring = new CollectionKeyring(keys, secretTypes, id, key, serial);
                opened.add(KeyringCollection.open(
                        id, keyring, context, settings.collections().getOrDefault(id, id)));
                unreadable.remove(id);
            } catch (StorageException e) {
                LOG.error("Not serving collection {} from kernel keyring {}: {}", id, key, e.getMessage());
                unreadable.put(id, e.getMessage());
            }
        }
        known.retainAll(linked);
        return opened;
    }

    /**
     * Creates the keyring of a new collection with its info key.
     *
     * @throws StorageException if a keyring of that description exists but could not be read, because creating
     *     another would unlink it from the parent keyring
     */
    KeyringCollection create(CollectionContext context, SecretKeyTypes secretTypes, String id, String label) {
        if (unreadable.containsKey(id)) {
            throw new StorageException("A keyring for collection " + id + " exists in the " + settings.parentName()
                    + " but could not be read (" + unreadable.get(id) + "); remove it with keyctl unlink to start"
                    + " over");
        }
        requireAbsent(id);
        long now = Instant.now().getEpochSecond();
        CollectionKeyring keyring = CollectionKeyring.create(
                keys, secretTypes, serial, settings.name(), id, new CollectionRecord(now, now, 1, label));
        known.add(keyring.serial());
        try {
            return KeyringCollection.open(id, keyring, context, label);
        } catch (RuntimeException e) {
            keyring.destroy();
            throw e;
        }
    }

    /**
     * Checks that no keyring of this description exists yet, which another process may have added since the last
     * rescan. add_key would unlink such a keyring from the parent, because keyrings cannot be updated in place.
     */
    private void requireAbsent(String id) {
        String description = KeyNames.collection(settings.name(), id);
        try {
            keyctl.search(serial, KeyNames.KEYRING_TYPE, description);
        } catch (KeyctlException e) {
            if (e.mayBeGone()) {
                return;
            }
            throw e;
        }
        throw new IllegalArgumentException(
                "Collection " + id + " exists already in the " + settings.parentName() + "; the next rescan serves it");
    }

    private String collectionId(int key) {
        try {
            return KeyNames.collectionId(settings.name(), keyctl.describe(key));
        } catch (KeyctlException e) {
            LOG.debug("Skipping key {} in the {}: {}", key, settings.parentName(), e.getMessage());
            return null;
        }
    }
}
