package io.keyport.storage.keyring.internal;

import io.keyport.api.storage.LockedException;
import io.keyport.api.storage.NoSuchObjectException;
import io.keyport.api.storage.StorageException;
import io.keyport.api.storage.StorageListeners;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory state of one {@link KeyringCollection}: label, times, lock state, index and the listing of its
 * keyring, with the steps that keep them in line with the kernel. Callers run under its monitor through {@link #call}
 * or {@link #run}, which queue listener events and run them after the monitor is released.
 */
final class CollectionState {

    private static final Logger LOG = LoggerFactory.getLogger(CollectionState.class);

    final ItemIndex index = new ItemIndex();
    final ItemWrites writes;

    private final KeyringCollection collection;
    private final String id;
    private final CollectionKeyring keyring;
    private final CollectionContext context;
    private final KernelListing listing = new KernelListing();
    private final PendingEvents events = new PendingEvents(this);
    private final long created;
    private String label;
    private long modified;
    private long nextItemId;
    private boolean locked;
    private boolean removed;

    CollectionState(
            KeyringCollection collection, CollectionKeyring keyring, CollectionContext context, CollectionRecord info) {
        this.collection = collection;
        this.id = collection.id();
        this.keyring = keyring;
        this.context = context;
        this.writes = new ItemWrites(keyring, context.expirySeconds());
        this.created = info.created();
        this.label = info.label();
        this.modified = info.modified();
        this.nextItemId = info.nextItemId();
    }

    /** Runs {@code body} under the monitor, then the listener events it queued. */
    <T> T call(Supplier<T> body) {
        try {
            synchronized (this) {
                return body.get();
            }
        } finally {
            events.flush();
        }
    }

    void run(Runnable body) {
        call(() -> {
            body.run();
            return null;
        });
    }

    // Everything below runs under the monitor.

    long created() {
        return created;
    }

    String label() {
        return label;
    }

    long modified() {
        return modified;
    }

    boolean isLocked() {
        return locked;
    }

    boolean isRemoved() {
        return removed;
    }

    long nextItemId() {
        return nextItemId;
    }

    void setLabel(String newLabel) {
        label = newLabel;
        touch();
        events.add(() -> context.events().collectionChanged(id));
    }

    /** Locks and drops the metadata records; returns {@code false} when there was nothing to do. */
    boolean lock() {
        if (locked || removed) {
            return false;
        }
        locked = true;
        index.dropRecords();
        events.add(() -> context.events().collectionChanged(id));
        return true;
    }

    /** Unlocks and reads the items from the kernel again; returns {@code false} when it was unlocked. */
    boolean unlock() {
        if (!locked) {
            return false;
        }
        locked = false;
        reload();
        events.add(() -> context.events().collectionChanged(id));
        return true;
    }

    void checkPresent() {
        if (removed) {
            throw new NoSuchObjectException("Collection " + id + " was deleted");
        }
    }

    void requireUnlocked() {
        if (locked) {
            throw new LockedException("Collection " + id + " is locked");
        }
    }

    /** Returns a present, unexpired item of an unlocked collection, with its record. */
    StoredItem requireItem(long itemId) {
        checkPresent();
        requireUnlocked();
        ItemIndex.ItemKeys keys = requireKeys(itemId);
        return new StoredItem(itemId, keys.metadataKey(), keys.secretKey(), index.record(itemId));
    }

    /** Returns the keys and times of a present, unexpired item, also while locked. */
    ItemIndex.ItemKeys requireKeys(long itemId) {
        checkPresent();
        if (expireIfDue(itemId) || !index.contains(itemId)) {
            throw new NoSuchObjectException("Item " + itemId + " of collection " + id + " does not exist");
        }
        return index.keys(itemId);
    }

    /** Applies what a write stored: index, listing, modification time, expiry check and event. */
    void written(ItemWrites.Written written, boolean created) {
        StoredItem item = written.item();
        if (created) {
            nextItemId = Math.max(nextItemId, item.id() + 1);
            if (item.record().expires() > 0) {
                context.expiryChecks().checkAt(collection, item.record().expires());
            }
        }
        index.put(item, true);
        listing.update(written.added(), written.removed());
        touch();
        queueItemEvent(item.id(), created ? Change.CREATED : Change.CHANGED);
    }

    /** Records that an item's keys were removed from the keyring. */
    void itemRemoved(long itemId, List<Integer> removedKeys) {
        listing.update(List.of(), removedKeys);
        index.remove(itemId);
        touch();
        queueItemEvent(itemId, Change.DELETED);
    }

    /** Removes an item whose expiry time has passed, and returns whether it did. */
    boolean expireIfDue(long itemId) {
        ItemIndex.ItemKeys keys = index.keys(itemId);
        if (keys == null || keys.expires() == 0 || keys.expires() > now()) {
            return false;
        }
        try {
            listing.update(List.of(), writes.delete(keys));
        } catch (KeyctlException e) {
            // The next listing then differs, and the reload that follows unlinks the expired keys.
            LOG.debug("Expired item {} of collection {} could not be removed: {}", itemId, id, e.getMessage());
        }
        index.remove(itemId);
        queueItemEvent(itemId, Change.DELETED);
        LOG.debug("Item {} of collection {} expired", itemId, id);
        return true;
    }

    /** Builds the index from what the loader read. */
    void apply(CollectionContents contents) {
        for (StoredItem item : contents.items().values()) {
            if (item.record().expires() > 0) {
                context.expiryChecks().checkAt(collection, item.record().expires());
            }
        }
        index.replaceAll(contents.items().values(), !locked);
        listing.reset(contents.listed());
        nextItemId = Math.max(nextItemId, contents.highestId() + 1);
    }

    /** Reads the keyring again when its listing differs from what Keyport expects. */
    void refresh() {
        try {
            if (!listing.matches(keyring.list())) {
                reload();
            }
        } catch (KeyctlException e) {
            if (!e.mayBeGone()) {
                throw e;
            }
            vanished(e.getMessage());
        }
    }

    /** Reads the keyring again and queues an event for every item that appeared, changed or vanished. */
    void reload() {
        Map<Long, StoredItem> before = index.items();
        List<Long> idsBefore = index.ids();
        CollectionContents contents = keyring.load();
        apply(contents);
        for (long itemId : idsBefore) {
            StoredItem after = contents.items().get(itemId);
            if (after == null) {
                queueItemEvent(itemId, Change.DELETED);
            } else if (before.containsKey(itemId) && !before.get(itemId).equals(after)) {
                queueItemEvent(itemId, Change.CHANGED);
            }
        }
        for (long itemId : contents.items().keySet()) {
            if (!idsBefore.contains(itemId)) {
                queueItemEvent(itemId, Change.CREATED);
            }
        }
    }

    /**
     * Runs a system call on the collection. When the call fails because the collection keyring or the item vanished
     * from the kernel, this updates the state and throws NoSuchObjectException instead.
     *
     * @param itemId the item the call works on, or 0
     */
    <T> T guarded(long itemId, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (KeyctlException e) {
            throw vanishedOr(e, itemId);
        }
    }

    void guardedWrite(long itemId, Runnable write) {
        guarded(itemId, () -> {
            write.run();
            return null;
        });
    }

    /** Ends the collection because its keyring is gone from the kernel or from the parent keyring. */
    void vanished(String reason) {
        if (!removed) {
            LOG.warn("Collection {} vanished from the kernel keyring and is no longer served: {}", id, reason);
            markRemoved();
        }
    }

    void markRemoved() {
        removed = true;
        index.replaceAll(List.of(), false);
        events.add(() -> context.gone().accept(collection));
    }

    private RuntimeException vanishedOr(KeyctlException e, long itemId) {
        if (!e.mayBeGone()) {
            return e;
        }
        try {
            keyring.list();
        } catch (KeyctlException listFailure) {
            if (!listFailure.mayBeGone()) {
                return e;
            }
            vanished(listFailure.getMessage());
            return new NoSuchObjectException("Collection " + id + " no longer exists in the kernel keyring");
        }
        if (itemId == 0) {
            return e;
        }
        reload();
        if (index.contains(itemId)) {
            return e;
        }
        LOG.info("Item {} of collection {} vanished from the kernel keyring: {}", itemId, id, e.getMessage());
        return new NoSuchObjectException("Item " + itemId + " of collection " + id + " no longer exists");
    }

    /** Sets the modification time to now and writes the collection record; a failure is logged only. */
    private void touch() {
        modified = Math.max(modified, now());
        try {
            keyring.writeInfo(new CollectionRecord(created, modified, nextItemId, label));
        } catch (StorageException e) {
            LOG.warn(
                    "Could not update the info key of collection {}, so its label, modification time or next item"
                            + " id may be stale after a restart: {}",
                    id,
                    e.getMessage());
        }
    }

    private void queueItemEvent(long itemId, Change change) {
        String item = String.valueOf(itemId);
        StorageListeners listeners = context.events();
        events.add(
                switch (change) {
                    case CREATED -> () -> listeners.itemCreated(id, item);
                    case CHANGED -> () -> listeners.itemChanged(id, item);
                    case DELETED -> () -> listeners.itemDeleted(id, item);
                });
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    private enum Change {
        CREATED,
        CHANGED,
        DELETED
    }
}
