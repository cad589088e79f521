package io.keyport.storage.file.internal;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.LockedException;
import io.keyport.api.storage.NoSuchObjectException;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageException;
import io.keyport.api.storage.StorageItem;
import io.keyport.storage.file.internal.JournalRecord.ItemDelete;
import io.keyport.storage.file.internal.JournalRecord.ItemPut;
import io.keyport.storage.file.internal.UnlockedContents.ClearItem;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A collection backed by one journal file. Every method takes the collection's monitor only while it reads or
 * changes memory and appends its record. The fsync runs after the monitor is released, so concurrent writers share
 * it.
 *
 * <p>NOTE: a change is visible to other threads from its append on, a few milliseconds before its fsync ends and
 * its caller returns. A crash in between loses a change that a reader saw but that no caller was told is stored.
 */
final class FileStorageCollection implements StorageCollection {

    private static final Logger LOG = LoggerFactory.getLogger(FileStorageCollection.class);

    private final CollectionContext context;
    private final JournalWriter journal;
    private final AttributeKeys attributeKeys;
    private final ItemIndex index;
    private final CollectionItems items;

    private CollectionHeader header;
    private String label;
    private long modified;
    private long lastItemNumber;
    private UnlockedContents unlocked;
    private String goneReason;
    private volatile long lastUsedNanos = System.nanoTime();

    FileStorageCollection(
            CollectionContext context,
            CollectionHeader header,
            AttributeKeys attributeKeys,
            JournalWriter journal,
            ItemIndex index,
            String label,
            long modified,
            long lastItemNumber) {
        this.context = context;
        this.header = header;
        this.attributeKeys = attributeKeys;
        this.journal = journal;
        this.index = index;
        this.label = label;
        this.modified = modified;
        this.lastItemNumber = lastItemNumber;
        this.items = new CollectionItems(this);
    }

    @Override
    public String id() {
        return header.id();
    }

    @Override
    public synchronized String label() {
        checkServed();
        return label;
    }

    @Override
    public void setLabel(String newLabel) {
        Objects.requireNonNull(newLabel, "label");
        long sequence;
        synchronized (this) {
            checkServed();
            long now = Math.max(modified, CollectionContext.nowSeconds());
            sequence = journal.append(attributeKeys
                    .sealLabel(header.uuid(), now, lastItemNumber, newLabel)
                    .frame());
            label = newLabel;
            modified = now;
        }
        journal.awaitDurable(sequence);
        context.events().collectionChanged(id());
        compactIfNeeded();
    }

    @Override
    public long created() {
        return header.created();
    }

    @Override
    public synchronized long modified() {
        checkServed();
        return modified;
    }

    @Override
    public synchronized boolean isLocked() {
        checkServed();
        return unlocked == null;
    }

    @Override
    public boolean needsPassphrase() {
        return true;
    }

    @Override
    public void unlock(SecretValue passphrase) {
        CollectionHeader current;
        synchronized (this) {
            checkServed();
            if (unlocked != null) {
                return;
            }
            current = header;
        }
        if (passphrase == null) {
            throw new IllegalArgumentException("Collection " + id() + " needs a passphrase to unlock");
        }
        // Argon2id runs outside the monitor, so reads and searches go on during the derivation.
        byte[] dataKey = context.passphraseKeys().unwrap(passphrase, current);
        int count;
        synchronized (this) {
            checkServed();
            if (unlocked != null) {
                java.util.Arrays.fill(dataKey, (byte) 0);
                return;
            }
            unlocked = UnlockedContents.open(context.aead(), header.uuid(), dataKey);
            count = index.size();
            touch();
        }
        LOG.info("Unlocked collection {} with {} items", id(), count);
        context.events().collectionChanged(id());
    }

    @Override
    public void lock() {
        synchronized (this) {
            checkServed();
            if (!wipeUnlocked()) {
                return;
            }
        }
        LOG.info("Locked collection {}", id());
        context.events().collectionChanged(id());
    }

    @Override
    public synchronized List<String> itemIds() {
        checkServed();
        return index.ids();
    }

    @Override
    public List<String> search(Map<String, String> attributes) {
        List<AttributeTag> tags = attributeKeys.tags(attributes);
        synchronized (this) {
            checkServed();
            return index.search(tags);
        }
    }

    @Override
    public synchronized StorageItem item(String itemId) {
        requireRecord(itemId);
        return new FileStorageItem(this, itemId);
    }

    @Override
    public StorageItem createItem(
            String itemLabel, Map<String, String> attributes, SecretValue secret, boolean replace) {
        Objects.requireNonNull(itemLabel, "label");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(secret, "secret");
        return new FileStorageItem(this, items.create(itemLabel, attributes, secret, replace));
    }

    @Override
    public void delete() {
        synchronized (this) {
            checkServed();
            goneReason = "was deleted";
            wipeUnlocked();
        }
        journal.close();
        attributeKeys.wipe();
        try {
            Files.delete(journal.file());
            context.directory().sync();
        } catch (IOException e) {
            throw new StorageException("Could not delete collection file " + journal.file() + ": " + e, e);
        } finally {
            context.onDelete().accept(this);
        }
        LOG.info("Deleted collection {} and its file {}", id(), journal.file());
        context.events().collectionRemoved(id());
    }

    /** Locks the collection if no operation needed its unlocked contents for {@code idleNanos}. */
    void lockIfIdle(long idleNanos, long idleSeconds) {
        synchronized (this) {
            if (goneReason != null || unlocked == null || System.nanoTime() - lastUsedNanos < idleNanos) {
                return;
            }
            wipeUnlocked();
        }
        LOG.info("Locked collection {} after {} s without use", id(), idleSeconds);
        context.events().collectionChanged(id());
    }

    /** Stops serving the collection: wipes its keys and closes its file after pending writes are on disk. */
    void close() {
        synchronized (this) {
            if (goneReason != null) {
                return;
            }
            goneReason = "is no longer served, because its engine stopped";
            wipeUnlocked();
        }
        journal.close();
        attributeKeys.wipe();
    }

    /**
     * Changes the passphrase by wrapping the same data key under a key derived from the new passphrase, so no item
     * is encrypted again. The new header reaches the disk with a compacted journal through a temporary file and a
     * rename, so a crash leaves the old passphrase or the new one in force, never neither.
     */
    @Override
    public void changePassphrase(SecretValue currentPassphrase, SecretValue newPassphrase) {
        CollectionHeader old;
        synchronized (this) {
            checkServed();
            old = header;
        }
        CollectionHeader updated = context.passphraseKeys()
                .rewrap(
                        currentPassphrase,
                        newPassphrase,
                        old,
                        context.argon2(),
                        context.randomBytes(FileFormat.SALT_LENGTH));
        synchronized (this) {
            checkServed();
            if (header != old) {
                throw new StorageException(
                        "The passphrase of collection " + id() + " was changed by another call meanwhile; try again");
            }
            header = updated;
            try {
                compact();
            } catch (StorageException e) {
                header = old;
                throw e;
            }
        }
        LOG.info("Changed the passphrase of collection {}", id());
    }

    /** Rewrites the journal when it has grown to twice the live data and past the configured minimum. */
    void compactIfNeeded() {
        synchronized (this) {
            long length = journal.size();
            if (goneReason != null
                    || length < context.compactionMinimumBytes()
                    || length < 2 * (header.length() + index.liveBytes())) {
                return;
            }
            try {
                compact();
            } catch (StorageException e) {
                // The change that triggered compaction is durable already; the old journal stays in use.
                LOG.error("Could not compact collection {}", id(), e);
            }
        }
    }

    /** Writes header, label and one record per live item to a new file that replaces the journal. */
    private void compact() {
        long before = journal.size();
        byte[] headerBytes = header.encode();
        byte[] metaFrame = attributeKeys
                .sealLabel(header.uuid(), modified, lastItemNumber, label)
                .frame();
        List<ItemPut> records = List.copyOf(index.records());
        journal.replace(output -> {
            output.write(headerBytes);
            output.write(metaFrame);
            for (ItemPut record : records) {
                output.write(record.frame());
            }
        });
        LOG.info(
                "Compacted collection file {} from {} to {} bytes with {} items",
                journal.file(),
                before,
                journal.size(),
                records.size());
    }

    // Item access, for FileStorageItem and CollectionItems. Callers hold no monitor unless stated.

    synchronized ItemPut requireRecord(String itemId) {
        checkServed();
        ItemPut record = index.get(itemId);
        if (record == null) {
            throw new NoSuchObjectException("Collection " + id() + " has no item " + itemId);
        }
        return record;
    }

    /** Returns the unlocked contents, recording the use for idle locking. The caller must own the monitor. */
    UnlockedContents requireUnlocked() {
        if (unlocked == null) {
            throw new LockedException("Collection " + id() + " is locked; unlock it first");
        }
        touch();
        return unlocked;
    }
    /** Returns an item's clear fields; a failure means the file was modified. The caller must own the monitor. */
    ClearItem clear(UnlockedContents contents, ItemPut record) {
        try {
            return contents.clear(record);
        } catch (MalformedDataException e) {
            throw JournalReader.unreadable(journal.file(), e.getMessage());
        }
    }

    /** Decrypts an item; a failure means the file was modified. The caller must own the monitor. */
    ItemPayload decrypt(UnlockedContents contents, ItemPut record) {
        try {
            return contents.decrypt(record);
        } catch (MalformedDataException e) {
            throw JournalReader.unreadable(journal.file(), e.getMessage());
        }
    }

    /** The outcome of an append: its sequence number and whether the collection's modification time changed. */
    record Appended(long sequence, boolean collectionChanged) {}

    /** Appends an item record and applies it in memory. The caller must own the monitor. */
    Appended putItem(UnlockedContents contents, ItemPut record, ClearItem clear) {
        byte[] frame = record.frame();
        if (frame.length > FileFormat.FRAME_HEADER_LENGTH + FileFormat.MAX_RECORD_LENGTH) {
            throw new StorageException("Item is too large for collection " + id() + ": its record has " + frame.length
                    + " bytes and the maximum is " + FileFormat.MAX_RECORD_LENGTH);
        }
        long sequence = journal.append(frame);
        index.put(record);
        contents.put(record.id(), clear);
        boolean changed = record.modified() > modified;
        modified = Math.max(modified, record.modified());
        return new Appended(sequence, changed);
    }

    /** Appends an item's deletion and applies it in memory. The caller must own the monitor. */
    Appended removeItem(UnlockedContents contents, String itemId) {
        long now = Math.max(modified, CollectionContext.nowSeconds());
        long sequence = journal.append(new ItemDelete(itemId, now).frame());
        index.remove(itemId);
        contents.remove(itemId);
        boolean changed = now != modified;
        modified = now;
        return new Appended(sequence, changed);
    }

    void awaitDurable(long sequence) {
        journal.awaitDurable(sequence);
    }

    CollectionItems items() {
        return items;
    }

    /** Returns whether the collection is locked. The caller must own the monitor. */
    boolean lockedNow() {
        return unlocked == null;
    }

    CollectionContext context() {
        return context;
    }

    AttributeKeys attributeKeys() {
        return attributeKeys;
    }

    ItemIndex index() {
        return index;
    }

    long currentModified() {
        return modified;
    }
    /** Returns the next item number as the new item's id. Ids of deleted items are never issued again. */
    String newItemId() {
        lastItemNumber++;
        return Long.toString(lastItemNumber);
    }

    /** Sets the contents of a collection that was just created, and so is unlocked. */
    synchronized void installUnlocked(UnlockedContents contents) {
        unlocked = contents;
        touch();
    }

    /** Returns the data key array while unlocked, so a test can check that lock() wiped it. */
    synchronized byte[] dataKeyForTest() {
        return unlocked == null ? null : unlocked.dataKey();
    }

    private boolean wipeUnlocked() {
        if (unlocked == null) {
            return false;
        }
        unlocked.wipe();
        unlocked = null;
        return true;
    }

    private void touch() {
        lastUsedNanos = System.nanoTime();
    }

    private void checkServed() {
        if (goneReason != null) {
            throw new NoSuchObjectException("Collection " + id() + " " + goneReason);
        }
    }
}
