package io.keyport.storage.keyring.internal;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.NoSuchObjectException;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageException;
import io.keyport.api.storage.StorageItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A collection kept in a kernel keyring. Secrets are read from the kernel on every request and never cached.
 *
 * <p>Locking needs no passphrase: {@link #lock()} drops the labels, attributes and content types from memory and
 * rejects reads and changes of items until {@link #unlock}, which reads them from the kernel again. The keys stay in
 * the kernel, so locking keeps Secret Service clients out, not root or the user's own processes with {@code keyctl}.
 *
 * <p>Every method runs under the monitor of the collection's {@link CollectionState}. The item methods serve
 * {@link KeyringItem}.
 */
final class KeyringCollection implements StorageCollection {

    private static final Logger LOG = LoggerFactory.getLogger(KeyringCollection.class);

    private final String id;
    private final CollectionKeyring keyring;
    private final CollectionState state;

    private KeyringCollection(String id, CollectionKeyring keyring, CollectionContext context, CollectionRecord info) {
        this.id = id;
        this.keyring = keyring;
        this.state = new CollectionState(this, keyring, context, info);
    }

    /** Reads a collection keyring and builds the index; a missing or invalid info key is written anew. */
    static KeyringCollection open(
            String id, CollectionKeyring keyring, CollectionContext context, String defaultLabel) {
        CollectionContents contents = keyring.load();
        CollectionRecord info = contents.info();
        if (info == null) {
            long now = CollectionState.now();
            info = new CollectionRecord(now, now, contents.highestId() + 1, defaultLabel);
            keyring.writeInfo(info);
            LOG.warn("Collection {} had no valid info key; wrote a new one with the label from the configuration", id);
        }
        KeyringCollection collection = new KeyringCollection(id, keyring, context, info);
        collection.state.run(() -> collection.state.apply(contents));
        return collection;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String label() {
        return state.call(state::label);
    }

    @Override
    public void setLabel(String label) {
        state.run(() -> {
            state.checkPresent();
            state.setLabel(label);
        });
    }

    @Override
    public long created() {
        return state.created();
    }

    @Override
    public long modified() {
        return state.call(state::modified);
    }

    @Override
    public boolean isLocked() {
        return state.call(state::isLocked);
    }

    @Override
    public boolean needsPassphrase() {
        return false;
    }

    /** Reads the items from the kernel again, reporting what changed there meanwhile, and unlocks. */
    @Override
    public void unlock(SecretValue passphrase) {
        state.run(() -> {
            state.checkPresent();
            if (state.unlock()) {
                LOG.info(
                        "Unlocked collection {} with {} items",
                        id,
                        state.index.ids().size());
            }
        });
    }

    @Override
    public void lock() {
        state.run(() -> {
            if (state.lock()) {
                LOG.info("Locked collection {}; its labels and attributes were dropped from memory", id);
            }
        });
    }

    @Override
    public List<String> itemIds() {
        return state.call(() -> {
            state.checkPresent();
            return names(state.index.ids());
        });
    }

    /** Searches the index, or while locked the metadata keys in the kernel, one read per item. */
    @Override
    public List<String> search(Map<String, String> attributes) {
        return state.call(() -> {
            state.checkPresent();
            return names(state.isLocked() ? searchKernel(attributes) : state.index.search(attributes));
        });
    }

    @Override
    public StorageItem item(String itemId) {
        return state.call(() -> {
            state.checkPresent();
            long number = parseItemId(itemId);
            if (number == 0 || !state.index.contains(number)) {
                throw new NoSuchObjectException("No item " + itemId + " in collection " + id);
            }
            return new KeyringItem(this, number);
        });
    }

    @Override
    public StorageItem createItem(
            String itemLabel, Map<String, String> attributes, SecretValue secret, boolean replace) {
        return state.call(() -> {
            state.checkPresent();
            state.requireUnlocked();
            Long existing = replace ? state.index.findExact(attributes) : null;
            if (existing != null) {
                StoredItem current = state.requireItem(existing);
                state.guardedWrite(
                        existing,
                        () -> state.written(
                                state.writes.replaceSecret(current, itemLabel, secret, CollectionState.now()), false));
                return new KeyringItem(this, existing);
            }
            long itemId = state.nextItemId();
            state.guardedWrite(
                    0,
                    () -> state.written(
                            state.writes.create(itemId, itemLabel, attributes, secret, CollectionState.now()), true));
            return new KeyringItem(this, itemId);
        });
    }

    /** Deletes the collection: every key in its keyring is invalidated, then the keyring itself. */
    @Override
    public void delete() {
        state.run(() -> {
            state.checkPresent();
            state.guardedWrite(0, keyring::destroy);
            state.markRemoved();
            LOG.info("Deleted collection {} and its keyring", id);
        });
    }

    String itemLabel(long itemId) {
        return state.call(() -> state.requireItem(itemId).record().label());
    }

    Map<String, String> itemAttributes(long itemId) {
        return state.call(() -> state.requireItem(itemId).record().attributes());
    }

    /** Returns the keys and times of an item; the times stay readable while locked. */
    ItemIndex.ItemKeys itemTimes(long itemId) {
        return state.call(() -> state.requireKeys(itemId));
    }

    /** Reads the secret from the kernel; the caller closes it. */
    SecretValue itemSecret(long itemId) {
        return state.call(() -> {
            StoredItem item = state.requireItem(itemId);
            if (item.secretKey() == 0) {
                return SecretValue.wrap(new byte[0], item.record().contentType());
            }
            byte[] bytes = state.guarded(itemId, () -> keyring.readSecret(item.secretKey()));
            return SecretValue.wrap(bytes, item.record().contentType());
        });
    }

    void setItemLabel(long itemId, String label) {
        state.run(() -> {
            StoredItem item = state.requireItem(itemId);
            ItemRecord record = item.record().withLabel(label, CollectionState.now());
            state.guardedWrite(itemId, () -> state.written(state.writes.updateRecord(item, record), false));
        });
    }

    void setItemAttributes(long itemId, Map<String, String> attributes) {
        state.run(() -> {
            StoredItem item = state.requireItem(itemId);
            ItemRecord record = item.record().withAttributes(attributes, CollectionState.now());
            state.guardedWrite(itemId, () -> state.written(state.writes.updateRecord(item, record), false));
        });
    }

    void setItemSecret(long itemId, SecretValue secret) {
        state.run(() -> {
            StoredItem item = state.requireItem(itemId);
            state.guardedWrite(
                    itemId,
                    () -> state.written(state.writes.replaceSecret(item, null, secret, CollectionState.now()), false));
        });
    }

    void deleteItem(long itemId) {
        state.run(() -> {
            state.requireItem(itemId);
            ItemIndex.ItemKeys keys = state.index.keys(itemId);
            List<Integer> removed = state.guarded(itemId, () -> state.writes.delete(keys));
            state.itemRemoved(itemId, removed);
        });
    }

    /** Removes the items whose expiry time has passed; the engine calls this at each item's expiry time. */
    void expireDue() {
        state.run(() -> {
            if (!state.isRemoved()) {
                state.index.ids().forEach(state::expireIfDue);
            }
        });
    }

    /**
     * Notices changes made outside Keyport: lists the keyring, one system call, and reads it again when its keys
     * differ from the listing that Keyport expects. A keyring that vanished ends the collection.
     */
    void refresh() {
        state.run(() -> {
            if (!state.isRemoved()) {
                state.refresh();
            }
        });
    }

    /** Ends the collection because its keyring is gone from the kernel or from the parent keyring. */
    void vanished(String reason) {
        state.run(() -> state.vanished(reason));
    }

    int keyringSerial() {
        return keyring.serial();
    }

    private List<Long> searchKernel(Map<String, String> attributes) {
        List<Long> hits = new ArrayList<>();
        for (long itemId : state.index.ids()) {
            try {
                if (keyring.readMetadata(state.index.keys(itemId).metadataKey()).matches(attributes)) {
                    hits.add(itemId);
                }
            } catch (StorageException e) {
                LOG.debug("Locked search skips item {} of collection {}: {}", itemId, id, e.getMessage());
            }
        }
        return hits;
    }

    private static List<String> names(List<Long> ids) {
        return ids.stream().map(String::valueOf).toList();
    }

    private static long parseItemId(String itemId) {
        try {
            return Math.max(0, Long.parseLong(itemId));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
