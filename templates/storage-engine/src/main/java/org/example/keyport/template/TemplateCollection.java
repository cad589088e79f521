package org.example.keyport.template;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.LockedException;
import io.keyport.api.storage.NoSuchObjectException;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageItem;
import io.keyport.api.storage.StorageListeners;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** A collection in memory. Locking needs no passphrase: it keeps clients out until they unlock it. */
final class TemplateCollection implements StorageCollection {

    private final String id;
    private final StorageListeners events;
    private final Map<Long, TemplateItem> items = new ConcurrentSkipListMap<>();
    private final long created = Instant.now().getEpochSecond();
    private long nextId = 1;
    private String label;
    private long modified = created;
    private boolean locked;

    TemplateCollection(String id, String label, StorageListeners events) {
        this.id = id;
        this.label = label;
        this.events = events;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public synchronized String label() {
        return label;
    }

    @Override
    public void setLabel(String newLabel) {
        synchronized (this) {
            label = newLabel;
            modified = Instant.now().getEpochSecond();
        }
        events.collectionChanged(id);
    }

    @Override
    public long created() {
        return created;
    }

    @Override
    public synchronized long modified() {
        return modified;
    }

    @Override
    public synchronized boolean isLocked() {
        return locked;
    }

    @Override
    public boolean needsPassphrase() {
        return false;
    }

    @Override
    public void unlock(SecretValue passphrase) {
        setLocked(false);
    }

    @Override
    public void lock() {
        setLocked(true);
    }

    @Override
    public List<String> itemIds() {
        return items.keySet().stream().map(String::valueOf).toList();
    }

    @Override
    public List<String> search(Map<String, String> attributes) {
        return items.values().stream()
                .filter(item -> item.matches(attributes))
                .map(TemplateItem::id)
                .toList();
    }

    @Override
    public StorageItem item(String itemId) {
        TemplateItem item = find(itemId);
        if (item == null) {
            throw new NoSuchObjectException("No item " + itemId + " in collection " + id);
        }
        return item;
    }

    @Override
    public StorageItem createItem(
            String itemLabel, Map<String, String> attributes, SecretValue secret, boolean replace) {
        TemplateItem item;
        boolean replaced = false;
        synchronized (this) {
            requireUnlocked();
            item = replace ? items.values().stream().filter(i -> i.hasAttributes(attributes)).findFirst().orElse(null)
                    : null;
            if (item != null) {
                item.replace(itemLabel, secret);
                replaced = true;
            } else {
                long number = nextId++;
                item = new TemplateItem(this, Long.toString(number), itemLabel, attributes, secret);
                items.put(number, item);
            }
            modified = Instant.now().getEpochSecond();
        }
        String itemId = item.id();
        if (replaced) {
            events.itemChanged(id, itemId);
        } else {
            events.itemCreated(id, itemId);
        }
        return item;
    }

    @Override
    public void delete() {
        throw new UnsupportedOperationException("Collection " + id + " comes from the configuration");
    }

    synchronized void requireUnlocked() {
        if (locked) {
            throw new LockedException("Collection " + id + " is locked");
        }
    }

    boolean contains(TemplateItem item) {
        return find(item.id()) == item;
    }

    void itemChanged(TemplateItem item) {
        synchronized (this) {
            modified = Instant.now().getEpochSecond();
        }
        events.itemChanged(id, item.id());
    }

    void itemDeleted(TemplateItem item) {
        synchronized (this) {
            requireUnlocked();
            if (items.remove(Long.valueOf(item.id())) == null) {
                throw new NoSuchObjectException("Item " + item.id() + " was deleted");
            }
            modified = Instant.now().getEpochSecond();
        }
        item.wipe();
        events.itemDeleted(id, item.id());
    }

    void wipe() {
        items.values().forEach(TemplateItem::wipe);
        items.clear();
    }

    private void setLocked(boolean newState) {
        synchronized (this) {
            if (locked == newState) {
                return;
            }
            locked = newState;
        }
        events.collectionChanged(id);
    }

    private TemplateItem find(String itemId) {
        try {
            return items.get(Long.valueOf(itemId));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
