package io.keyport.storage.kdbx.internal;

import io.keyport.api.storage.LockedException;
import io.keyport.api.storage.StorageException;
import io.keyport.api.storage.WrongPassphraseException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a collection and its file in step: reloads the file when another program saved it, reporting what changed,
 * and saves changes only over the file state it last read, applying a change again on top of a newer file. Every
 * method runs under the collection's monitor.
 */
final class DiskSync {

    private static final Logger LOG = LoggerFactory.getLogger(DiskSync.class);

    /** A change meets a newer file at most this many times before the caller is asked to try again. */
    private static final int SAVE_ATTEMPTS = 3;

    private final KdbxStorageCollection collection;
    private String lastReloadFailure;

    DiskSync(KdbxStorageCollection collection) {
        this.collection = collection;
    }

    /**
     * Reloads the file if another program changed it and adds what changed to {@code batch}.
     *
     * @param beforeSave whether a save follows: then the content is compared, not only size, time and inode, and a
     *     file that cannot be read raises instead of being logged, so that it is never overwritten
     */
    void refresh(StorageEvents.Batch batch, boolean beforeSave) {
        KdbxFile file = collection.file();
        KdbxFile.State known = collection.known();
        try {
            boolean unchanged =
                    beforeSave ? file.unchangedSince(known) : file.stat().sameStat(known);
            if (unchanged) {
                return;
            }
        } catch (IOException e) {
            failed(beforeSave, "KDBX database " + file.path() + " cannot be checked: " + e, e);
            return;
        }

        OpenDatabase open = collection.openDatabase();
        if (open == null) {
            // Locked: the content is unknown until the next unlock, which compares it with the index.
            try {
                collection.known(file.stat());
                batch.collectionChanged();
            } catch (IOException e) {
                LOG.debug("KDBX database {} cannot be checked: {}", file.path(), e.toString());
            }
            return;
        }

        KdbxFile.Snapshot snapshot;
        try {
            snapshot = file.read();
        } catch (IOException e) {
            failed(beforeSave, "KDBX database " + file.path() + " cannot be read: " + e, e);
            return;
        }
        if (known != null
                && known.sha256() != null
                && java.util.Arrays.equals(known.sha256(), snapshot.state().sha256())) {
            collection.known(snapshot.state());
            return;
        }
        reload(snapshot, open, batch, beforeSave);
    }

    /**
     * Applies a change, saves the database and adds the resulting events to {@code batch}. The mutation may raise
     * {@link io.keyport.api.storage.NoSuchObjectException} or {@link IllegalArgumentException} only before it
     * changed anything; any other failure makes the collection reload the file, so memory matches the disk.
     */
    <T> T applyAndSave(String operation, KdbxStorageCollection.Mutation<T> mutation, StorageEvents.Batch batch) {
        for (int attempt = 1; ; attempt++) {
            OpenDatabase open = collection.requireUnlocked();
            T result;
            byte[] bytes;
            try {
                result = mutation.apply(open);
                open.database().attachments().collectGarbage();
                open.refreshEntries();
                bytes = collection.loader().encode(open);
            } catch (io.keyport.api.storage.NoSuchObjectException | IllegalArgumentException e) {
                throw e;
            } catch (KdbxException e) {
                discard(batch, e);
                throw collection.loader().failure(e);
            } catch (RuntimeException e) {
                discard(batch, e);
                throw e;
            }

            try {
                collection.known(collection.file().replace(bytes, collection.known()));
            } catch (KdbxFile.ChangedOnDiskException e) {
                LOG.info(
                        "KDBX database {} changed on disk before Keyport could {}; applying the change to the new"
                                + " content (attempt {} of {})",
                        collection.file().path(),
                        operation,
                        attempt,
                        SAVE_ATTEMPTS);
                discard(batch, null);
                if (attempt >= SAVE_ATTEMPTS) {
                    throw new StorageException(
                            "KDBX database " + collection.file().path() + " keeps changing on"
                                    + " disk, so Keyport could not " + operation + "; try again");
                }
                continue;
            } catch (IOException e) {
                discard(batch, e);
                throw new StorageException(
                        "Could not save KDBX database " + collection.file().path() + " to " + operation + ": " + e, e);
            } finally {
                Bytes.wipe(bytes);
            }
            batch.items(collection.rebuildIndex(open));
            batch.collectionChanged();
            return result;
        }
    }

    /**
     * Drops changes in memory that did not reach the disk by loading the file again. When that fails too, the
     * collection locks, so that it never serves data the file does not hold.
     */
    private void discard(StorageEvents.Batch batch, Exception original) {
        try {
            reload(collection.readFile(), collection.openDatabase(), batch, true);
        } catch (LockedException e) {
            throw e;
        } catch (RuntimeException e) {
            collection.forceLock(batch);
            LOG.error(
                    "Locked collection {}: KDBX database {} could not be loaded again after a failed change",
                    collection.id(),
                    collection.file().path(),
                    e);
            if (original != null) {
                e.addSuppressed(original);
            }
            throw new StorageException(e.getMessage() + "; collection " + collection.id() + " was locked", e);
        }
    }

    private void reload(KdbxFile.Snapshot snapshot, OpenDatabase open, StorageEvents.Batch batch, boolean strict) {
        OpenDatabase reloaded;
        try {
            reloaded = collection.loader().reopen(snapshot, open);
        } catch (WrongPassphraseException e) {
            LOG.warn("Locked collection {}: {}", collection.id(), e.getMessage());
            collection.forceLock(batch);
            collection.known(snapshot.state());
            if (strict) {
                throw new LockedException(e.getMessage());
            }
            return;
        } catch (StorageException e) {
            failed(strict, e.getMessage() + ", after another program changed it", e);
            return;
        }
        ItemIndex.Changes changes = collection.rebuildIndex(reloaded);
        collection.replaceOpen(reloaded);
        collection.known(snapshot.state());
        lastReloadFailure = null;
        batch.items(changes);
        batch.collectionChanged();
        if (!changes.isEmpty()) {
            LOG.info(
                    "Reloaded collection {} from {} after another program changed it: {} items created, {} changed,"
                            + " {} deleted",
                    collection.id(),
                    collection.file().path(),
                    changes.created().size(),
                    changes.changed().size(),
                    changes.deleted().size());
        }
    }

    /** Raises before a save, so an unreadable file is never overwritten; otherwise logs once per distinct reason. */
    private void failed(boolean raise, String message, Exception cause) {
        if (raise) {
            throw new StorageException(message + "; Keyport did not overwrite it", cause);
        }
        if (!message.equals(lastReloadFailure)) {
            LOG.warn("{}; keeping the version read before and checking again", message);
            lastReloadFailure = message;
        }
    }
}
