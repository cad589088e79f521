package io.keyport.storage.memory.internal;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.LockedException;
import io.keyport.api.storage.NoSuchObjectException;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageItem;
import io.keyport.api.storage.StorageListeners;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** A collection held in memory. Locking needs no passphrase; it only keeps clients out until unlocked. */
final class MemoryCollection implements StorageCollection {

    private final String id;
    private final StorageListeners events;
    private final Consumer<String> onDelete;
    private final Map<Long, MemoryItem> items = new ConcurrentSkipListMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final long created = Instant.now().getEpochSecond();
    private volatile String label;
    private volatile long modified = created;
    private volatile boolean locked;

    MemoryCollection(String id, String label, StorageListeners events, Consumer<String> onDelete) {
        this.id = id;
        this.label = label;
        this.events = events;
        this.onDelete = onDelete;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void setLabel(String newLabel) {
        label = newLabel;
        touch();
        events.collectionChanged(id);
    }

    @Override
    public long created() {
        return created;
    }

    @Override
    public long modified() {
        return modified;
    }

    @Override
    public boolean isLocked() {
        return locked;
    }

    @Override
    public boolean needsPassphrase() {
        return false;
    }

    @Override
    public void unlock(SecretValue passphrase) {
        if (locked) {
            locked = false;
            events.collectionChanged(id);
        }
    }

    @Override
    public void lock() {
        if (!locked) {
            locked = true;
            events.collectionChanged(id);
        }
    }

    @Override
    public List<String> itemIds() {
        return items.keySet().stream().map(String::valueOf).toList();
    }

    @Override
    public List<String> search(Map<String, String> attributes) {
        List<String> hits = new ArrayList<>();
        for (MemoryItem item : items.values()) {
            if (item.matches(attributes)) {
                hits.add(item.id());
            }
        }
        return hits;
    }

    @Override
    public StorageItem item(String itemId) {
        MemoryItem item = parseId(itemId) == null ? null : items.get(parseId(itemId));
        if (item == null) {
            throw new NoSuchObjectException("No item " + itemId + " in collection " + id);
        }
        return item;
    }

    @Override
    public synchronized StorageItem createItem(
            String itemLabel, Map<String, String> attributes, SecretValue secret, boolean replace) {
        requireUnlocked();
        if (replace) {
            for (MemoryItem existing : items.values()) {
                if (existing.hasAttributes(attributes)) {
                    existing.update(itemLabel, secret);
                    return existing;
                }
            }
        }
        long number = nextId.getAndIncrement();
        MemoryItem item = new MemoryItem(this, Long.toString(number), itemLabel, attributes, secret);
        items.put(number, item);
        touch();
        events.itemCreated(id, item.id());
        return item;
    }

    @Override
    public void delete() {
        wipe();
        onDelete.accept(id);
    }

    void wipe() {
        items.values().forEach(MemoryItem::wipe);
        items.clear();
    }

    void requireUnlocked() {
        if (locked) {
            throw new LockedException("Collection " + id + " is locked");
        }
    }

    void itemChanged(MemoryItem item) {
        touch();
        events.itemChanged(id, item.id());
    }

    void itemDeleted(MemoryItem item) {
        if (items.remove(parseId(item.id())) != null) {
            item.wipe();
            touch();
            events.itemDeleted(id, item.id());
        }
    }

    boolean contains(MemoryItem item) {
        return items.get(parseId(item.id())) == item;
    }

    private void touch() {
        modified = Instant.now().getEpochSecond();
    }

    private static Long parseId(String itemId) {
        try {
            return Long.valueOf(itemId);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
