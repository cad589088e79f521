package io.keyport.storage.file.internal;

import io.keyport.api.crypto.Aead;
import io.keyport.api.crypto.KeyDerivation;
import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageEngine;
import io.keyport.api.storage.StorageException;
import io.keyport.api.storage.StorageListener;
import io.keyport.api.storage.StorageListeners;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyport's own encrypted store: one directory with one journal file per collection and the attribute key file
 * that lets locked collections run searches.
 */
final class FileStorageEngine implements StorageEngine, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileStorageEngine.class);

    private final FileStoreSettings settings;
    private final StoreDirectory directory;
    private final StorageListeners events = new StorageListeners(StorageListeners.FailureHandler.logging(LOG::warn));
    private final CollectionContext context;
    private final Map<String, FileStorageCollection> collections = new ConcurrentSkipListMap<>();
    private final Map<String, String> unreadable = new TreeMap<>();
    private final IdleLocker idleLocker;
    private byte[] attributeKey;
    private boolean closed;

    /**
     * Locks the directory and opens every collection file in it, locked. A collection file that cannot be read is
     * left unchanged and not served.
     *
     * @throws StorageException if another process uses the directory or the attribute key file is unreadable
     */
    FileStorageEngine(FileStoreSettings settings, Aead aead, KeyDerivation kdf) {
        this.settings = settings;
        this.directory = StoreDirectory.open(settings.directory());
        this.context = new CollectionContext(
                directory,
                aead,
                kdf,
                new SecureRandom(),
                events,
                settings.argon2(),
                settings.compactionMinimumBytes(),
                this::forget);
        try {
            removeTemporaryFiles();
            attributeKey = AttributeKeyFile.read(directory.resolve(FileFormat.ATTRIBUTE_KEY_FILE));
            loadCollections();
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
        idleLocker = settings.autolockSeconds() > 0
                ? new IdleLocker(settings.name(), settings.autolockSeconds(), collections::values)
                : null;
        LOG.info(
                "File store {} serves {} collections from {}{}",
                settings.name(),
                collections.size(),
                directory.path(),
                unreadable.isEmpty() ? "" : " and skipped unreadable ones: " + unreadable.keySet());
    }

    @Override
    public List<StorageCollection> collections() {
        return List.copyOf(collections.values());
    }

    @Override
    public StorageCollection createCollection(String id, String label, SecretValue passphrase) {
        if (!FileFormat.isValidId(id)) {
            throw new IllegalArgumentException(
                    "Collection id must be 1 to " + FileFormat.MAX_ID_LENGTH + " ASCII letters, digits or _: " + id);
        }
        if (passphrase == null) {
            throw new IllegalArgumentException("The file store needs a passphrase for collection " + id);
        }
        FileStorageCollection collection;
        synchronized (this) {
            checkOpen();
            if (collections.containsKey(id)) {
                throw new IllegalArgumentException("Collection " + id + " exists already");
            }
            if (unreadable.containsKey(id)) {
                throw new StorageException("Collection " + id + " exists in an unreadable file, which Keyport does"
                        + " not overwrite: " + unreadable.get(id));
            }
            Path file = directory.resolve(CollectionFiles.fileName(id));
            if (Files.exists(file)) {
                throw new StorageException("Collection file " + file + " appeared after this store started;"
                        + " restart Keyport to open it");
            }
            collection = CollectionFiles.create(context, id, label, passphrase, attributeKey());
            collections.put(id, collection);
        }
        events.collectionAdded(collection);
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

    /** Returns a served collection by id, or {@code null}. */
    FileStorageCollection collection(String id) {
        return collections.get(id);
    }

    /** Returns the ids of the collection files that could not be read, with the reason. */
    synchronized Map<String, String> unreadableCollections() {
        return Map.copyOf(unreadable);
    }

    Path directory() {
        return directory.path();
    }

    /** Stops the idle locker, closes every collection after its pending writes and releases the directory. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (idleLocker != null) {
            idleLocker.close();
        }
        for (FileStorageCollection collection : collections.values()) {
            collection.close();
        }
        collections.clear();
        synchronized (this) {
            if (attributeKey != null) {
                Arrays.fill(attributeKey, (byte) 0);
            }
        }
        directory.close();
        LOG.info("File store {} closed {}", settings.name(), directory.path());
    }

    private void forget(FileStorageCollection collection) {
        collections.remove(collection.id(), collection);
    }

    /** Returns the attribute key, creating the file for the first collection. The caller must own the monitor. */
    private byte[] attributeKey() {
        if (attributeKey == null) {
            if (!unreadable.isEmpty()) {
                throw new StorageException("Attribute key file " + directory.resolve(FileFormat.ATTRIBUTE_KEY_FILE)
                        + " is missing but collection files exist; restore it from a backup before creating"
                        + " collections");
            }
            attributeKey = AttributeKeyFile.create(directory, context.random());
            LOG.info("Created attribute key file {}", directory.resolve(FileFormat.ATTRIBUTE_KEY_FILE));
        }
        return attributeKey;
    }

    private void loadCollections() {
        for (Path file : list("*" + FileFormat.COLLECTION_SUFFIX)) {
            String name = file.getFileName().toString();
            String id = name.substring(0, name.length() - FileFormat.COLLECTION_SUFFIX.length());
            if (!FileFormat.isValidId(id)) {
                LOG.warn(
                        "Ignoring {}: its name is not a valid collection id followed by {}",
                        file,
                        FileFormat.COLLECTION_SUFFIX);
                continue;
            }
            try {
                if (attributeKey == null) {
                    throw new StorageException("Attribute key file " + directory.resolve(FileFormat.ATTRIBUTE_KEY_FILE)
                            + " is missing, so collection file " + file + " cannot be opened. Keyport did not change"
                            + " it; restore the attribute key file from the same backup.");
                }
                collections.put(id, CollectionFiles.open(context, file, attributeKey));
            } catch (StorageException e) {
                LOG.error("Not serving collection {}: {}", id, e.getMessage());
                unreadable.put(id, e.getMessage());
            }
        }
    }

    /** Deletes temporary files that a crash during a rename left; the files they were to replace are intact. */
    private void removeTemporaryFiles() {
        for (Path file : list("*" + FileFormat.TEMPORARY_SUFFIX)) {
            try {
                Files.delete(file);
                LOG.warn("Removed {}, a temporary file that an interrupted write left", file);
            } catch (IOException e) {
                LOG.warn("Could not remove the temporary file {}", file, e);
            }
        }
    }

    private List<Path> list(String glob) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory.path(), glob)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new StorageException("Could not list file store directory " + directory.path() + ": " + e, e);
        }
        files.sort(null);
        return files;
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException("File store " + settings.name() + " in " + directory.path() + " is closed");
        }
    }
}
