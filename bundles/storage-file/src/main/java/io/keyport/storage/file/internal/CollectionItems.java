package io.keyport.storage.file.internal;

import io.keyport.api.secret.SecretValue;
import io.keyport.storage.file.internal.FileStorageCollection.Appended;
import io.keyport.storage.file.internal.JournalRecord.ItemPut;
import io.keyport.storage.file.internal.UnlockedContents.ClearItem;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Reads and changes the items of one collection.Each change seals the item's whole new state into one record,
 * appends it under the collection's monitor, waits for the fsync outside it and then reports the change.
 */
final class CollectionItems {

    private final FileStorageCollection collection;

    CollectionItems(FileStorageCollection collection) {
        this.collection = collection;
    }

    boolean isLocked(String itemId) {
        synchronized (collection) {
            collection.requireRecord(itemId);
            return collection.lockedNow();
        }
    }

    ClearItem clearItem(String itemId) {
        synchronized (collection) {
            ItemPut record = collection.requireRecord(itemId);
            return collection.clear(collection.requireUnlocked(), record);
        }
    }

    SecretValue secret(String itemId) {
        ItemPayload payload;
        synchronized (collection) {
            ItemPut record = collection.requireRecord(itemId);
            payload = collection.decrypt(collection.requireUnlocked(), record);
        }
        try {
            return SecretValue.copyOf(payload.secret(), payload.contentType());
        } finally {
            payload.wipe();
        }
    }

    void delete(String itemId) {
        Appended appended;
        synchronized (collection) {
            collection.requireRecord(itemId);
            appended = collection.removeItem(collection.requireUnlocked(), itemId);
        }
        collection.awaitDurable(appended.sequence());
        collection.context().events().itemDeleted(collection.id(), itemId);
        finish(appended);
    }
    /** Creates an item, or with {@code replace} overwrites the item with an identical attribute set; returns its id. */
    String create(String label, Map<String, String> attributes, SecretValue secret, boolean replace) {
        List<AttributeTag> tags = collection.attributeKeys().tags(attributes);
        ItemPayload payload = new ItemPayload(label, attributes, secret.contentType(), secret.copyBytes());
        try {
            String itemId;
            boolean created;
            Appended appended;
            synchronized (collection) {
                UnlockedContents contents = collection.requireUnlocked();
                String existing = replace ? collection.index().findIdentical(tags) : null;
                created = existing == null;
                itemId = created ? collection.newItemId() : existing;
                long now = now();
                long createdTime =
                        created ? now : collection.index().get(existing).created();
                ItemPut record = contents.seal(itemId, createdTime, now, tags, payload);
                appended = collection.putItem(contents, record, ClearItem.of(payload));
            }
            collection.awaitDurable(appended.sequence());
            if (created) {
                collection.context().events().itemCreated(collection.id(), itemId);
            } else {
                collection.context().events().itemChanged(collection.id(), itemId);
            }
            finish(appended);
            return itemId;
        } finally {
            payload.wipe();
        }
    }

    void setLabel(String itemId, String label) {
        update(
                itemId,
                false,
                old -> new ItemPayload(
                        label, old.attributes(), old.contentType(), old.secret().clone()));
    }

    void setAttributes(String itemId, Map<String, String> attributes) {
        update(
                itemId,
                true,
                old -> new ItemPayload(
                        old.label(), attributes, old.contentType(), old.secret().clone()));
    }

    void setSecret(String itemId, SecretValue secret) {
        update(
                itemId,
                false,
                old -> new ItemPayload(old.label(), old.attributes(), secret.contentType(), secret.copyBytes()));
    }

    private void update(String itemId, boolean attributesChange, UnaryOperator<ItemPayload> change) {
        Appended appended;
        synchronized (collection) {
            ItemPut old = collection.requireRecord(itemId);
            UnlockedContents contents = collection.requireUnlocked();
            ItemPayload oldPayload = collection.decrypt(contents, old);
            ItemPayload newPayload = null;
            try {
                newPayload = change.apply(oldPayload);
                List<AttributeTag> tags =
                        attributesChange ? collection.attributeKeys().tags(newPayload.attributes()) : old.tags();
                ItemPut record = contents.seal(itemId, old.created(), now(), tags, newPayload);
                appended = collection.putItem(contents, record, ClearItem.of(newPayload));
            } finally {
                oldPayload.wipe();
                if (newPayload != null) {
                    newPayload.wipe();
                }
            }
        }
        collection.awaitDurable(appended.sequence());
        collection.context().events().itemChanged(collection.id(), itemId);
        finish(appended);
    }

    private void finish(Appended appended) {
        if (appended.collectionChanged()) {
            collection.context().events().collectionChanged(collection.id());
        }
        collection.compactIfNeeded();
    }

    /** Returns the current time, never earlier than the collection's last change, so times never go backwards. */
    private long now() {
        return Math.max(collection.currentModified(), CollectionContext.nowSeconds());
    }
}
