package org.example.keyport.directory;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.NoSuchObjectException;
import io.keyport.api.storage.StorageItem;
import java.util.Map;

/** One file as a read-only item: the label and the attribute {@code file} are its name, the secret its content. */
final class DirectoryItem implements StorageItem {

    static final String FILE_ATTRIBUTE = "file";
    static final String CONTENT_TYPE = "text/plain";

    private final DirectoryCollection collection;
    private final String id;
    private final String fileName;

    DirectoryItem(DirectoryCollection collection, String id, String fileName) {
        this.collection = collection;
        this.id = id;
        this.fileName = fileName;
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
    public String label() {
        checkReadable();
        return fileName;
    }

    @Override
    public void setLabel(String label) {
        checkReadable();
        throw collection.readOnly();
    }

    @Override
    public Map<String, String> attributes() {
        checkReadable();
        return Map.of(FILE_ATTRIBUTE, fileName);
    }

    @Override
    public void setAttributes(Map<String, String> attributes) {
        checkReadable();
        throw collection.readOnly();
    }

    @Override
    public long created() {
        return collection.lastModified(fileName);
    }

    @Override
    public long modified() {
        return collection.lastModified(fileName);
    }

    @Override
    public SecretValue secret() {
        checkReadable();
        return SecretValue.wrap(collection.read(fileName), CONTENT_TYPE);
    }

    @Override
    public void setSecret(SecretValue secret) {
        checkReadable();
        throw collection.readOnly();
    }

    @Override
    public void delete() {
        checkReadable();
        throw collection.readOnly();
    }

    private void checkReadable() {
        if (!collection.isServed(fileName)) {
            throw new NoSuchObjectException("Item " + id + " is gone: its file was removed");
        }
        collection.requireUnlocked();
    }
}
