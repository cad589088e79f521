package org.example.keyport.template;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.NoSuchObjectException;
import io.keyport.api.storage.StorageItem;
import java.time.Instant;
import java.util.Map;

/** An item in memory; it owns a copy of its secret and wipes it when replaced or deleted. */
final class TemplateItem implements StorageItem {

    private final TemplateCollection collection;
    private final String id;
    private final long created = Instant.now().getEpochSecond();
    private String label;
    private Map<String, String> attributes;
    private SecretValue secret;
    private long modified = created;

    TemplateItem(
            TemplateCollection collection, String id, String label, Map<String, String> attributes, SecretValue secret) {
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
        checkReadable();
        return label;
    }

    @Override
    public void setLabel(String newLabel) {
        synchronized (this) {
            checkReadable();
            label = newLabel;
            modified = Instant.now().getEpochSecond();
        }
        collection.itemChanged(this);
    }

    @Override
    public synchronized Map<String, String> attributes() {
        checkReadable();
        return attributes;
    }

    @Override
    public void setAttributes(Map<String, String> newAttributes) {
        synchronized (this) {
            checkReadable();
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
        checkReadable();
        return copy(secret);
    }

    @Override
    public void setSecret(SecretValue newSecret) {
        synchronized (this) {
            checkReadable();
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
        collection.itemDeleted(this);
    }

    /** Replaces the label and the secret for a create with replace; the caller sends the event. */
    synchronized void replace(String newLabel, SecretValue newSecret) {
        label = newLabel;
        secret.close();
        secret = copy(newSecret);
        modified = Instant.now().getEpochSecond();
    }

    /** Returns whether the attributes contain every given name and value; locking does not hide them. */
    synchronized boolean matches(Map<String, String> query) {
        return attributes.entrySet().containsAll(query.entrySet());
    }

    synchronized boolean hasAttributes(Map<String, String> exact) {
        return attributes.equals(exact);
    }

    synchronized void wipe() {
        secret.close();
    }

    private void checkReadable() {
        if (!collection.contains(this)) {
            throw new NoSuchObjectException("Item " + id + " was deleted");
        }
        collection.requireUnlocked();
    }

    private static SecretValue copy(SecretValue value) {
        return SecretValue.wrap(value.copyBytes(), value.contentType());
    }
}
