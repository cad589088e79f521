package io.keyport.storage.file.internal;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageItem;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A view of one item of a {@link FileStorageCollection}; every call reads the collection's current state. */
final class FileStorageItem implements StorageItem {

    private final FileStorageCollection collection;
    private final String id;
    private final CollectionItems items;

    FileStorageItem(FileStorageCollection collection, String id) {
        this.collection = collection;
        this.id = id;
        this.items = collection.items();
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
        return items.clearItem(id).label();
    }

    @Override
    public void setLabel(String label) {
        items.setLabel(id, Objects.requireNonNull(label, "label"));
    }

    @Override
    public Map<String, String> attributes() {
        return new LinkedHashMap<>(items.clearItem(id).attributes());
    }

    @Override
    public void setAttributes(Map<String, String> attributes) {
        items.setAttributes(id, Map.copyOf(Objects.requireNonNull(attributes, "attributes")));
    }

    @Override
    public long created() {
        return collection.requireRecord(id).created();
    }

    @Override
    public long modified() {
        return collection.requireRecord(id).modified();
    }

    @Override
    public SecretValue secret() {
        return items.secret(id);
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
        return "FileStorageItem[" + collection.id() + "/" + id + "]";
    }
}
