package io.keyport.storage.keyring.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The items of one collection in memory, so that searches need no system call per item. Key serial numbers and
 * times are kept always; the metadata records and the attribute index only while the collection is unlocked. The
 * caller serializes access.
 */
final class ItemIndex {

    private final Map<Long, ItemKeys> keys = new TreeMap<>();
    private final Map<Long, ItemRecord> records = new HashMap<>();
    private final Map<String, Map<String, Set<Long>>> byAttribute = new HashMap<>();

    /** Replaces the whole index; {@code withRecords} is false while the collection is locked. */
    void replaceAll(Collection<StoredItem> items, boolean withRecords) {
        keys.clear();
        dropRecords();
        for (StoredItem item : items) {
            put(item, withRecords);
        }
    }

    /** Adds or replaces an item. */
    void put(StoredItem item, boolean withRecord) {
        remove(item.id());
        ItemRecord record = item.record();
        keys.put(
                item.id(),
                new ItemKeys(
                        item.metadataKey(), item.secretKey(), record.created(), record.modified(), record.expires()));
        if (withRecord) {
            records.put(item.id(), record);
            record.attributes()
                    .forEach((name, value) -> byAttribute
                            .computeIfAbsent(name, unused -> new HashMap<>())
                            .computeIfAbsent(value, unused -> new HashSet<>())
                            .add(item.id()));
        }
    }

    void remove(long id) {
        keys.remove(id);
        ItemRecord record = records.remove(id);
        if (record == null) {
            return;
        }
        record.attributes().forEach((name, value) -> {
            Map<String, Set<Long>> values = byAttribute.get(name);
            Set<Long> ids = values.get(value);
            ids.remove(id);
            if (ids.isEmpty()) {
                values.remove(value);
            }
            if (values.isEmpty()) {
                byAttribute.remove(name);
            }
        });
    }

    /** Drops the metadata records and the attribute index, keeping key serial numbers and times. */
    void dropRecords() {
        records.clear();
        byAttribute.clear();
    }

    boolean contains(long id) {
        return keys.containsKey(id);
    }

    /** Returns the keys and times of an item, or {@code null}. */
    ItemKeys keys(long id) {
        return keys.get(id);
    }

    /** Returns the metadata record of an item, or {@code null} when the item is missing or the index locked. */
    ItemRecord record(long id) {
        return records.get(id);
    }

    /** Returns the item ids in ascending order. */
    List<Long> ids() {
        return List.copyOf(keys.keySet());
    }

    /** Returns the items with their records. Only meaningful while unlocked. */
    Map<Long, StoredItem> items() {
        Map<Long, StoredItem> items = new TreeMap<>();
        records.forEach((id, record) -> {
            ItemKeys itemKeys = keys.get(id);
            items.put(id, new StoredItem(id, itemKeys.metadataKey(), itemKeys.secretKey(), record));
        });
        return items;
    }

    /** Returns the ids of the items whose attributes contain all of {@code query}, in ascending order. */
    List<Long> search(Map<String, String> query) {
        if (query.isEmpty()) {
            return ids();
        }
        Set<Long> hits = null;
        for (Map.Entry<String, String> term : query.entrySet()) {
            Set<Long> ids = byAttribute.getOrDefault(term.getKey(), Map.of()).getOrDefault(term.getValue(), Set.of());
            if (hits == null) {
                hits = new HashSet<>(ids);
            } else {
                hits.retainAll(ids);
            }
            if (hits.isEmpty()) {
                return List.of();
            }
        }
        List<Long> sorted = new ArrayList<>(hits);
        sorted.sort(null);
        return sorted;
    }

    /** Returns the id of an item whose attribute set equals {@code attributes}, or {@code null}. */
    Long findExact(Map<String, String> attributes) {
        for (long id : search(attributes)) {
            if (records.get(id).attributes().equals(attributes)) {
                return id;
            }
        }
        return null;
    }

    /**
     * An item's key serial numbers and times, which stay in memory while the collection is locked.
     *
     * @param secretKey 0 for an empty secret
     * @param expires seconds since the Unix epoch, or 0 for no expiry
     */
    record ItemKeys(int metadataKey, int secretKey, long created, long modified, long expires) {}
}
