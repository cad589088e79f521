package io.keyport.storage.memory.internal;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.NoSuchObjectException;
import io.keyport.api.storage.StorageItem;
import java.time.Instant;
import java.util.Map;

/** An item held in memory; its secret is a private copy, wiped when replaced or deleted. */
final class MemoryItem implements StorageItem {

    private final MemoryCollection collection;
    private final String id;
    private final long created = Instant.now().getEpochSecond();
    private String label;
    private Map<String, String> attributes;
    private SecretValue secret;
    private long modified = created;

    MemoryItem(
            MemoryCollection collection, String id, String label, Map<String, String> attributes, SecretValue secret) {
        this.collection = collection;
        this.id = id;
        this.label = label;
        this.attributes = Map.copyOf(attributes);
        this.secret = copy(secret);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean isLocked() {
        return collection.isLocked();
    }

    @Override
    public synchronized String label() {
        check();
        return label;
    }

    @Override
    public void setLabel(String newLabel) {
        synchronized (this) {
            check();
            label = newLabel;
            modified = Instant.now().getEpochSecond();
        }
        collection.itemChanged(this);
    }

    @Override
    public synchronized Map<String, String> attributes() {
        check();
        return attributes;
    }

    @Override
    public void setAttributes(Map<String, String> newAttributes) {
        synchronized (this) {
            check();
            attributes = Map.copyOf(newAttributes);
            modified = Instant.now().getEpochSecond();
        }
        collection.itemChanged(this);
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
    public synchronized SecretValue secret() {
        check();
        return copy(secret);
    }

    @Override
    public void setSecret(SecretValue newSecret) {
        synchronized (this) {
            check();
            secret.close();
            secret = copy(newSecret);
            modified = Instant.now().getEpochSecond();
        }
        collection.itemChanged(this);
    }

    @Override
    public void delete() {
        if (!collection.contains(this)) {
            throw new NoSuchObjectException("Item " + id + " was deleted");
        }
        collection.requireUnlocked();
        collection.itemDeleted(this);
    }

    /** Replaces label and secret for CreateItem with replace, keeping the attributes and the id. */
    void update(String newLabel, SecretValue newSecret) {
        synchronized (this) {
            label = newLabel;
            secret.close();
            secret = copy(newSecret);
            modified = Instant.now().getEpochSecond();
        }
        collection.itemChanged(this);
    }

    synchronized boolean matches(Map<String, String> query) {
        return attributes.entrySet().containsAll(query.entrySet());
    }

    synchronized boolean hasAttributes(Map<String, String> exact) {
        return attributes.equals(exact);
    }

    synchronized void wipe() {
        secret.close();
    }

    private void check() {
        if (!collection.contains(this)) {
            throw new NoSuchObjectException("Item " + id + " was deleted");
        }
        collection.requireUnlocked();
    }

    private static SecretValue copy(SecretValue value) {
        return SecretValue.wrap(value.copyBytes(), value.contentType());
    }
}
