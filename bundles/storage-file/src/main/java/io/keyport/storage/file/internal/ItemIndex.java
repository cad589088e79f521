package io.keyport.storage.file.internal;

import io.keyport.storage.file.internal.JournalRecord.ItemPut;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The latest record of every item in a collection, indexed by attribute tag and by tag set, so that search and
 * replace cost the same at any collection size. Not thread-safe: the collection guards it.
 */
final class ItemIndex {

    private final Map<String, ItemPut> items = new LinkedHashMap<>();
    private final Map<AttributeTag, Set<String>> byTag = new HashMap<>();
    private final Map<Set<AttributeTag>, Set<String>> byTagSet = new HashMap<>();
    private long liveBytes;

    /** Adds an item's record or replaces the one with the same id. */
    void put(ItemPut record) {
        remove(record.id());
        items.put(record.id(), record);
        for (AttributeTag tag : record.tags()) {
            byTag.computeIfAbsent(tag, key -> new LinkedHashSet<>()).add(record.id());
        }
        byTagSet.computeIfAbsent(Set.copyOf(record.tags()), key -> new LinkedHashSet<>())
                .add(record.id());
        liveBytes += frameLength(record);
    }

    /** Removes an item and returns its record, or {@code null} if there is none. */
    ItemPut remove(String id) {
        ItemPut record = items.remove(id);
        if (record == null) {
            return null;
        }
        for (AttributeTag tag : record.tags()) {
            removeFrom(byTag, tag, id);
        }
        removeFrom(byTagSet, Set.copyOf(record.tags()), id);
        liveBytes -= frameLength(record);
        return record;
    }

    ItemPut get(String id) {
        return items.get(id);
    }

    boolean contains(String id) {
        return items.containsKey(id);
    }

    int size() {
        return items.size();
    }

    List<String> ids() {
        return List.copyOf(items.keySet());
    }

    Collection<ItemPut> records() {
        return Collections.unmodifiableCollection(items.values());
    }

    /** Returns the ids of the items that have every tag, starting from the rarest tag. */
    List<String> search(List<AttributeTag> tags) {
        if (tags.isEmpty()) {
            return ids();
        }
        Set<String> smallest = null;
        for (AttributeTag tag : tags) {
            Set<String> ids = byTag.get(tag);
            if (ids == null) {
                return List.of();
            }
            if (smallest == null || ids.size() < smallest.size()) {
                smallest = ids;
            }
        }
        List<String> matches = new ArrayList<>();
        for (String id : smallest) {
            if (hasAll(id, tags)) {
                matches.add(id);
            }
        }
        return matches;
    }

    /** Returns the id of an item whose tag set is exactly {@code tags}, or {@code null}. */
    String findIdentical(List<AttributeTag> tags) {
        Set<String> ids = byTagSet.get(Set.copyOf(tags));
        return ids == null || ids.isEmpty() ? null : ids.iterator().next();
    }

    /** Returns the total frame length of the live item records, which a compacted journal would hold. */
    long liveBytes() {
        return liveBytes;
    }

    /** Returns the frame length of a record as {@link JournalRecord#frame()} encodes it. */
    static long frameLength(ItemPut record) {
        return FileFormat.FRAME_HEADER_LENGTH
                + 1
                + 1
                + record.id().length()
                + 8
                + 8
                + 2
                + (long) FileFormat.TAG_LENGTH * record.tags().size()
                + 4
                + record.sealedPayload().length;
    }

    private boolean hasAll(String id, List<AttributeTag> tags) {
        for (AttributeTag tag : tags) {
            if (!byTag.get(tag).contains(id)) {
                return false;
            }
        }
        return true;
    }

    private static <K> void removeFrom(Map<K, Set<String>> index, K key, String id) {
        Set<String> ids = index.get(key);
        if (ids != null) {
            ids.remove(id);
            if (ids.isEmpty()) {
                index.remove(key);
            }
        }
    }
}
