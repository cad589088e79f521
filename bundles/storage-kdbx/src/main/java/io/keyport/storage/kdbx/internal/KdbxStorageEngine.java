package io.keyport.storage.kdbx.internal;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageEngine;
import io.keyport.api.storage.StorageListener;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one KDBX database as one collection, and checks the file for saves by other programs every few seconds
 * so that listeners hear of them while the collection is unlocked.
 */
final class KdbxStorageEngine implements StorageEngine, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KdbxStorageEngine.class);

    private final KdbxSettings settings;
    private final StorageEvents events = new StorageEvents();
    private final KdbxStorageCollection collection;
    private final ScheduledExecutorService poller;

    KdbxStorageEngine(KdbxSettings settings) {
        this.settings = settings;
        SecureRandom random = new SecureRandom();
        KdbxFile file = new KdbxFile(settings.file(), random);
        file.removeTemporaryFiles();
        this.collection = new KdbxStorageCollection(settings, file, events, random);
        if (settings.pollMillis() > 0) {
            poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "keyport-kdbx-" + settings.name());
                thread.setDaemon(true);
                return thread;
            });
            poller.scheduleWithFixedDelay(
                    this::checkDisk, settings.pollMillis(), settings.pollMillis(), TimeUnit.MILLISECONDS);
        } else {
            poller = null;
        }
        LOG.info("KDBX engine {} serves {} as collection {}", settings.name(), settings.file(), collection.id());
    }

    @Override
    public List<StorageCollection> collections() {
        return List.of(collection);
    }

    @Override
    public StorageCollection createCollection(String id, String label, SecretValue passphrase) {
        throw new UnsupportedOperationException(
                "The KDBX engine serves one existing database per configuration and" + " creates no collections");
    }

    @Override
    public void addListener(StorageListener listener) {
        events.add(listener);
    }

    @Override
    public void removeListener(StorageListener listener) {
        events.remove(listener);
    }

    KdbxStorageCollection collection() {
        return collection;
    }

    /** Stops the poller and wipes the collection. Every change was saved before its method returned. */
    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
            try {
                poller.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        collection.close();
        LOG.info("KDBX engine {} stopped serving {}", settings.name(), settings.file());
    }

    private void checkDisk() {
        try {
            collection.checkDisk();
        } catch (RuntimeException e) {
            LOG.warn("Checking KDBX database {} for changes failed", settings.file(), e);
        }
    }
}
