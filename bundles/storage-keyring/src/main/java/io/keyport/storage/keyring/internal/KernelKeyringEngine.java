package io.keyport.storage.keyring.internal;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageEngine;
import io.keyport.api.storage.StorageException;
import io.keyport.api.storage.StorageListener;
import io.keyport.api.storage.StorageListeners;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storage engine that keeps each collection in a keyring of its own, linked in the user or session keyring, with
 * nothing on disk. On start it serves the collection keyrings of this engine name that it finds in the parent
 * keyring, so collections outlive a restart of Keyport, and creates the configured ones that are missing.
 *
 * <p>A scheduler thread removes items at their expiry time and checks every few seconds for keys that other
 * programs added or removed, such as {@code keyctl unlink}.
 */
final class KernelKeyringEngine implements StorageEngine, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KernelKeyringEngine.class);

    /** Slack after an item's expiry second, so that the kernel's clock has passed it too. */
    private static final long EXPIRY_SLACK_MILLIS = 100;

    private final KeyringSettings settings;
    private final KeyctlSyscalls keyctl;
    private final SecretKeyTypes secretTypes = new SecretKeyTypes();
    private final StorageListeners events = new StorageListeners(StorageListeners.FailureHandler.logging(LOG::warn));
    private final Map<String, KeyringCollection> collections = new ConcurrentSkipListMap<>();
    private final ScheduledExecutorService scheduler;
    private final CollectionContext context;
    private final ParentKeyring parent;

    /**
     * Resolves the parent keyring, serves the collections found there and creates the configured ones.
     *
     * @throws StorageException if the parent keyring cannot be reached, for example on a kernel without keyring
     *     support, or a configured collection cannot be created
     */
    KernelKeyringEngine(KeyringSettings settings, KeyctlSyscalls keyctl) {
        this.settings = settings;
        this.keyctl = keyctl;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "keyport-keyring-" + settings.name());
            thread.setDaemon(true);
            return thread;
        });
        this.context = new CollectionContext(events, settings.expirySeconds(), this::scheduleExpiry, this::forget);
        try {
            parent = ParentKeyring.resolve(keyctl, settings);
            for (KeyringCollection collection : parent.discover(context, secretTypes, Set.of())) {
                collections.put(collection.id(), collection);
            }
            createConfigured();
        } catch (RuntimeException e) {
            scheduler.shutdownNow();
            throw e;
        }
        if (settings.rescanSeconds() > 0) {
            scheduler.scheduleWithFixedDelay(
                    this::rescan, settings.rescanSeconds(), settings.rescanSeconds(), TimeUnit.SECONDS);
        }
        LOG.info(
                "Kernel keyring engine {} serves collections {} from keyrings in the {} {}",
                settings.name(),
                collections.keySet(),
                settings.parentName(),
                parent.serial());
    }

    @Override
    public List<StorageCollection> collections() {
        return List.copyOf(collections.values());
    }

    @Override
    public boolean needsPassphraseForNewCollections() {
        return false;
    }

    /** Creates a collection keyring. The passphrase is ignored: kernel keyring collections have none. */
    @Override
    public StorageCollection createCollection(String id, String label, SecretValue passphrase) {
        if (!settings.createsCollections()) {
            throw new UnsupportedOperationException("Kernel keyring engine " + settings.name()
                    + " does not create collections; set collections.create=true in its configuration");
        }
        if (id == null || !KeyNames.COLLECTION_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Collection id must be 1 to 128 ASCII letters, digits or _: " + id);
        }
        KeyringCollection collection;
        synchronized (parent) {
            if (collections.containsKey(id)) {
                throw new IllegalArgumentException("Collection " + id + " exists already");
            }
            collection = parent.create(context, secretTypes, id, label);
            collections.put(id, collection);
        }
        events.collectionAdded(collection);
        LOG.info("Created collection {} in kernel keyring {}", id, collection.keyringSerial());
        return collection;
    }

    @Override
    public void addListener(StorageListener listener) {
        events.add(listener);
    }

    @Override
    public void removeListener(StorageListener listener) {
        events.remove(listener);
    }

    /** Returns a served collection, or {@code null}. */
    KeyringCollection collection(String id) {
        return collections.get(id);
    }

    /** Returns the serial number of the parent keyring. */
    int parentSerial() {
        return parent.serial();
    }

    /**
     * Stops the scheduler and drops the collections from memory. The keys stay in the kernel, where the next engine
     * with this name finds them.
     */
    @Override
    public void close() {
        scheduler.shutdownNow();
        collections.clear();
        LOG.info("Kernel keyring engine {} stopped; its keys stay in the {}", settings.name(), settings.parentName());
    }

    private void createConfigured() {
        synchronized (parent) {
            for (Map.Entry<String, String> entry : settings.collections().entrySet()) {
                if (!collections.containsKey(entry.getKey())) {
                    KeyringCollection collection =
                            parent.create(context, secretTypes, entry.getKey(), entry.getValue());
                    collections.put(collection.id(), collection);
                    LOG.info(
                            "Created configured collection {} in kernel keyring {}",
                            collection.id(),
                            collection.keyringSerial());
                }
            }
        }
    }

    /**
     * Checks every collection for changes made outside Keyport, and serves collection keyrings of this engine that
     * another process added to the parent keyring. It catches everything, because a scheduled task that throws is
     * not run again.
     */
    void rescan() {
        try {
            int[] linked = parent.list();
            Set<Integer> linkedSet = new HashSet<>();
            for (int serial : linked) {
                linkedSet.add(serial);
            }
            for (KeyringCollection collection : collections.values()) {
                if (linkedSet.contains(collection.keyringSerial())) {
                    collection.refresh();
                } else {
                    collection.vanished("its keyring " + collection.keyringSerial() + " is no longer linked in the "
                            + settings.parentName());
                }
            }
            List<KeyringCollection> added;
            synchronized (parent) {
                added = parent.discover(context, secretTypes, collections.keySet());
                added.forEach(collection -> collections.put(collection.id(), collection));
            }
            added.forEach(events::collectionAdded);
        } catch (RuntimeException e) {
            LOG.warn("Kernel keyring engine {} could not check its keyrings for outside changes", settings.name(), e);
        }
    }

    private void scheduleExpiry(KeyringCollection collection, long epochSecond) {
        long delay = Math.max(0, epochSecond * 1000 - System.currentTimeMillis() + EXPIRY_SLACK_MILLIS);
        try {
            scheduler.schedule(() -> expire(collection), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Engine {} is stopping; no expiry check for collection {}", settings.name(), collection.id());
        }
    }

    private void expire(KeyringCollection collection) {
        try {
            collection.expireDue();
        } catch (RuntimeException e) {
            LOG.warn("Could not remove the expired items of collection {}", collection.id(), e);
        }
    }

    /** Stops serving a collection that was deleted or vanished from the kernel. */
    private void forget(KeyringCollection collection) {
        if (collections.remove(collection.id(), collection)) {
            events.collectionRemoved(collection.id());
        }
    }
}
