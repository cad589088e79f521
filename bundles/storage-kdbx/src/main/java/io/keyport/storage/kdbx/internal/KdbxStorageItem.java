package io.keyport.storage.kdbx.internal;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageItem;
import java.util.Map;
import java.util.Objects;

/** A view of one entry of a {@link KdbxStorageCollection}; every call reads the collection's current state. */
final class KdbxStorageItem implements StorageItem {

    private final KdbxItems items;
    private final String id;

    KdbxStorageItem(KdbxItems items, String id) {
        this.items = items;
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean isLocked() {
        return items.isLocked(id);
    }

    @Override
    public String label() {
        return items.read(id, (open, entry) -> open.mapping().label(entry));
    }

    @Override
    public void setLabel(String label) {
        items.setLabel(id, Objects.requireNonNull(label, "label"));
    }

    @Override
    public Map<String, String> attributes() {
        return items.read(id, (open, entry) -> open.mapping().attributes(entry, open.exposedGroup()));
    }

    @Override
    public void setAttributes(Map<String, String> attributes) {
        items.setAttributes(id, Map.copyOf(Objects.requireNonNull(attributes, "attributes")));
    }

    @Override
    public long created() {
        return items.created(id);
    }

    @Override
    public long modified() {
        return items.modified(id);
    }

    @Override
    public SecretValue secret() {
        return items.read(id, (open, entry) -> open.mapping().secret(entry));
    }

    @Override
    public void setSecret(SecretValue secret) {
        items.setSecret(id, Objects.requireNonNull(secret, "secret"));
    }

    @Override
    public void delete() {
        items.delete(id);
    }

    @Override
    public String toString() {
        return "KdbxStorageItem[" + items.collectionId() + "/" + id + "]";
    }
}
