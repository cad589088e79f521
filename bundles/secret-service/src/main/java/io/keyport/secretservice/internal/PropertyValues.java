package io.keyport.secretservice.internal;

import io.keyport.api.storage.LockedException;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;

/** Property values of collections and items as D-Bus variants with explicit signatures. */
final class PropertyValues {

    static final String COLLECTION_INTERFACE = "org.freedesktop.Secret.Collection";
    static final String ITEM_INTERFACE = "org.freedesktop.Secret.Item";

    private PropertyValues() {}

    static Map<String, Variant<?>> collection(StorageCollection collection, String collectionId) {
        Map<String, Variant<?>> values = new LinkedHashMap<>();
        List<DBusPath> items = collection.itemIds().stream()
                .filter(ObjectPaths::isValidElement)
                .map(id -> new DBusPath(ObjectPaths.item(collectionId, id)))
                .toList();
        values.put("Items", new Variant<>(items, "ao"));
        values.putAll(collectionChanges(collection));
        return values;
    }

    /** Returns every collection property but Items, which is costly with many items. */
    static Map<String, Variant<?>> collectionChanges(StorageCollection collection) {
        Map<String, Variant<?>> values = new LinkedHashMap<>();
        values.put("Label", new Variant<>(collection.label()));
        values.put("Locked", new Variant<>(collection.isLocked()));
        values.put("Created", new Variant<>(new UInt64(collection.created())));
        values.put("Modified", new Variant<>(new UInt64(collection.modified())));
        return values;
    }

    /**
     * Returns the item's properties. Label and Attributes are left out while the item is locked, because
     * engines may keep them encrypted.
     */
    static Map<String, Variant<?>> item(StorageItem item) {
        Map<String, Variant<?>> values = new LinkedHashMap<>();
        boolean locked = item.isLocked();
        values.put("Locked", new Variant<>(locked));
        if (!locked) {
            try {
                values.put("Label", new Variant<>(item.label()));
                values.put("Attributes", new Variant<>(item.attributes(), "a{ss}"));
            } catch (LockedException e) {
                values.put("Locked", new Variant<>(true));
            }
        }
        values.put("Created", new Variant<>(new UInt64(item.created())));
        values.put("Modified", new Variant<>(new UInt64(item.modified())));
        return values;
    }

    static Map<String, Variant<?>> itemChanges(StorageCollection collection, String itemId) {
        try {
            return item(collection.item(itemId));
        } catch (RuntimeException e) {
            return Map.of();
        }
    }
}
