package io.keyport.storage.keyring.internal;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageItem;
import java.util.Map;

/** An item of a {@link KeyringCollection}, which does the work: this is a view by id and contains no data. */
final class KeyringItem implements StorageItem {

    private final KeyringCollection collection;
    private final long id;

    KeyringItem(KeyringCollection collection, long id) {
        this.collection = collection;
        this.id = id;
    }

    @Override
    public String id() {
        return String.valueOf(id);
    }

    @Override
    public boolean isLocked() {
        return collection.isLocked();
    }

    @Override
    public String label() {
        return collection.itemLabel(id);
    }

    @Override
    public void setLabel(String label) {
        collection.setItemLabel(id, label);
    }

    @Override
    public Map<String, String> attributes() {
        return collection.itemAttributes(id);
    }

    @Override
    public void setAttributes(Map<String, String> attributes) {
        collection.setItemAttributes(id, attributes);
    }

    @Override
    public long created() {
        return collection.itemTimes(id).created();
    }

    @Override
    public long modified() {
        return collection.itemTimes(id).modified();
    }

    @Override
    public SecretValue secret() {
        return collection.itemSecret(id);
    }

    @Override
    public void setSecret(SecretValue secret) {
        collection.setItemSecret(id, secret);
    }

    @Override
    public void delete() {
        collection.deleteItem(id);
    }

    @Override
    public String toString() {
        return "KeyringItem[" + collection.id() + "/" + id + "]";
    }
}
