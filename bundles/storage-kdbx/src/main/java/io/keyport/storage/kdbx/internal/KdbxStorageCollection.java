package io.keyport.storage.kdbx.internal;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.LockedException;
import io.keyport.api.storage.NoSuchObjectException;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageException;
import io.keyport.api.storage.StorageItem;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * A KDBX database served as one collection. While unlocked it holds the decrypted database and its keys, and every
 * change is applied in memory and saved whole before the method returns. While locked it returns ids, times and
 * search results from the {@link ItemIndex} of the last unlock. The monitor guards all state, and listeners are
 * called after it is released.
 */
final class KdbxStorageCollection implements StorageCollection {

    private static final Logger LOG = LoggerFactory.getLogger(KdbxStorageCollection.class);

    private final KdbxSettings settings;
    private final KdbxFile file;
    private final StorageEvents events;
    private final DatabaseLoader loader;
    private final ItemIndex index;
    private final DiskSync disk;
    private final KdbxItems items;
    /** Serialises unlocks, so that only one KDF runs at a time; taken before the monitor, never inside it. */
    private final Object unlocking = new Object();

    private OpenDatabase open;
    private String label;
    private long created;
    private KdbxFile.State known;
    private boolean closed;

    KdbxStorageCollection(KdbxSettings settings, KdbxFile file, StorageEvents events, SecureRandom random) {
        this.settings = settings;
        this.file = file;
        this.events = events;
        this.loader = new DatabaseLoader(settings, random);
        this.index = new ItemIndex(random);
        this.disk = new DiskSync(this);
        this.items = new KdbxItems(this);
        this.label = settings.collectionLabel().isBlank() ? baseName() : settings.collectionLabel();
        try {
            this.known = file.stat();
            this.created = known.modifiedSeconds();
        } catch (IOException e) {
            // A missing file is reported on unlock, where the user can act on it.
            this.created = KdbxTimes.now();
        }
    }

    @Override
    public String id() {
        return settings.collectionId();
    }

    @Override
    public synchronized String label() {
        return label;
    }

    @Override
    public void setLabel(String newLabel) {
        Objects.requireNonNull(newLabel, "label");
        // The label is the database name, which KeePassXC shows as the title of the database.
        mutate("set the label", open -> {
            Element meta = open.database().meta();
            Dom.setChildText(meta, "DatabaseName", newLabel);
            Dom.setChildText(
                    meta,
                    "DatabaseNameChanged",
                    KdbxTimes.format(KdbxTimes.now(), open.database().isKdbx4()));
            return null;
        });
        synchronized (this) {
            label = newLabel;
        }
        StorageEvents.Batch batch = new StorageEvents.Batch(id());
        batch.collectionChanged();
        events.deliver(batch);
    }

    @Override
    public synchronized long created() {
        return created;
    }

    @Override
    public synchronized long modified() {
        return known == null ? created : known.modifiedSeconds();
    }

    @Override
    public synchronized boolean isLocked() {
        return open == null;
    }

    @Override
    public boolean needsPassphrase() {
        return true;
    }

    @Override
    public void unlock(SecretValue passphrase) {
        if (passphrase == null) {
            throw new IllegalArgumentException("Collection " + id() + " needs a passphrase to unlock");
        }
        StorageEvents.Batch batch = new StorageEvents.Batch(id());
        synchronized (unlocking) {
            synchronized (this) {
                checkOpen();
                if (open != null) {
                    return;
                }
            }
            KdbxFile.Snapshot snapshot = readFile();
            byte[] bytes = passphrase.copyBytes();
            OpenDatabase opened;
            try {
                // The KDF runs outside the monitor, so searches and reads of the index go on meanwhile.
                opened = loader.open(snapshot, bytes);
            } finally {
                Bytes.wipe(bytes);
            }
            int count;
            synchronized (this) {
                if (closed) {
                    opened.wipe();
                    throw new NoSuchObjectException("Collection " + id() + " is no longer served");
                }
                boolean firstUnlock = !index.populated();
                ItemIndex.Changes changes = rebuildIndex(opened);
                open = opened;
                known = snapshot.state();
                adoptDatabaseDetails(opened);
                count = opened.entries().size();
                if (!firstUnlock) {
                    batch.items(changes);
                }
                batch.collectionChanged();
            }
            LOG.info(
                    "Unlocked collection {} from KDBX {} database {} with {} items",
                    id(),
                    opened.database().header().versionText(),
                    file.path(),
                    count);
        }
        events.deliver(batch);
    }

    @Override
    public void lock() {
        synchronized (this) {
            if (closed || open == null) {
                return;
            }
            wipeOpen();
        }
        LOG.info("Locked collection {}", id());
        StorageEvents.Batch batch = new StorageEvents.Batch(id());
        batch.collectionChanged();
        events.deliver(batch);
    }

    @Override
    public synchronized List<String> itemIds() {
        checkOpen();
        return index.ids();
    }

    @Override
    public synchronized List<String> search(Map<String, String> attributes) {
        checkOpen();
        return index.search(attributes);
    }

    @Override
    public synchronized StorageItem item(String itemId) {
        checkOpen();
        if (index.summary(itemId) == null) {
            throw new NoSuchObjectException("Collection " + id() + " has no item " + itemId);
        }
        return new KdbxStorageItem(items, itemId);
    }

    @Override
    public StorageItem createItem(
            String itemLabel, Map<String, String> attributes, SecretValue secret, boolean replace) {
        Objects.requireNonNull(itemLabel, "label");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(secret, "secret");
        return new KdbxStorageItem(items, items.create(itemLabel, Map.copyOf(attributes), secret, replace));
    }

    @Override
    public void delete() {
        throw new UnsupportedOperationException(
                "A KDBX collection is removed by deleting its engine configuration;" + " the database file stays");
    }

    /** Stops serving: wipes the keys, the decrypted database and the index. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        wipeOpen();
        index.wipe();
    }

    /** Checks the file for changes by other programs; called by the engine's poller. */
    void checkDisk() {
        StorageEvents.Batch batch = new StorageEvents.Batch(id());
        synchronized (this) {
            if (closed) {
                return;
            }
            disk.refresh(batch, false);
        }
        events.deliver(batch);
    }

    // For DiskSync and KdbxItems; callers hold the monitor unless stated.

    /** A change to the unlocked database, applied in memory and then saved. */
    @FunctionalInterface
    interface Mutation<T> {
        T apply(OpenDatabase open) throws KdbxException;
    }

    /**
     * Applies a change and saves it. A save by another program since the last read is loaded first and reported,
     * and the change is applied on top of it. A failure leaves the file as it was and memory as the file.
     */
    <T> T mutate(String operation, Mutation<T> mutation) {
        StorageEvents.Batch batch = new StorageEvents.Batch(id());
        T result;
        try {
            synchronized (this) {
                checkOpen();
                requireUnlocked();
                disk.refresh(batch, true);
                result = disk.applyAndSave(operation, mutation, batch);
            }
        } finally {
            events.deliver(batch);
        }
        return result;
    }

    OpenDatabase requireUnlocked() {
        if (open == null) {
            throw new LockedException("Collection " + id() + " is locked; unlock it first");
        }
        return open;
    }

    ItemIndex.Summary requireSummary(String itemId) {
        checkOpen();
        ItemIndex.Summary summary = index.summary(itemId);
        if (summary == null) {
            throw new NoSuchObjectException("Collection " + id() + " has no item " + itemId);
        }
        return summary;
    }

    ItemIndex.Changes rebuildIndex(OpenDatabase database) {
        try {
            return index.rebuild(database);
        } catch (KdbxException e) {
            throw loader.failure(e);
        }
    }

    KdbxFile file() {
        return file;
    }

    DatabaseLoader loader() {
        return loader;
    }

    KdbxFile.State known() {
        return known;
    }

    void known(KdbxFile.State state) {
        known = state;
    }

    OpenDatabase openDatabase() {
        return open;
    }

    /** Replaces the open database after a reload, wiping the old one. */
    void replaceOpen(OpenDatabase replacement) {
        if (open != null && open != replacement) {
            open.wipe();
        }
        open = replacement;
    }

    /** Locks because the file can no longer be opened with the keys in memory, or could not be loaded again. */
    void forceLock(StorageEvents.Batch batch) {
        wipeOpen();
        batch.collectionChanged();
    }

    KdbxFile.Snapshot readFile() {
        try {
            return file.read();
        } catch (NoSuchFileException e) {
            throw new StorageException("KDBX database " + file.path() + " does not exist; create it with KeePassXC"
                    + " or keepassxc-cli db-create, or fix the engine's path property");
        } catch (IOException e) {
            throw new StorageException("KDBX database " + file.path() + " cannot be read: " + e, e);
        }
    }

    private void adoptDatabaseDetails(OpenDatabase opened) {
        if (settings.collectionLabel().isBlank()) {
            String name = Dom.childText(opened.database().meta(), "DatabaseName");
            label = name == null || name.isBlank() ? baseName() : name;
        }
        created = EntryFields.time(opened.exposedGroup(), "CreationTime", created);
    }

    private void wipeOpen() {
        if (open != null) {
            open.wipe();
            open = null;
        }
        index.forgetSecrets();
    }

    private String baseName() {
        String name = settings.file().getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private void checkOpen() {
        if (closed) {
            throw new NoSuchObjectException("Collection " + id() + " is no longer served, because its engine stopped");
        }
    }
}
