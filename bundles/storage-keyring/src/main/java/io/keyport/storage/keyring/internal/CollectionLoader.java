package io.keyport.storage.keyring.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a collection keyring: describes every key in it, reads the collection and item records, and pairs each item
 * with its secret key.
 *
 * <p>It also cleans up what the kernel and interrupted changes left: expired keys are unlinked, and a secret key
 * whose item does not exist or points at another generation is discarded. A metadata key that cannot be read, or
 * whose secret key is missing, is logged and left alone, and its item is not served.
 */
final class CollectionLoader {

    private static final Logger LOG = LoggerFactory.getLogger(CollectionLoader.class);

    private final KeyctlSyscalls keyctl;
    private final CollectionKeyring keyring;
    private final String collectionId;
    private final Map<Long, Integer> metadataKeys = new TreeMap<>();
    private final Map<Long, List<SecretEntry>> secretKeys = new HashMap<>();
    private int infoKey;
    private int expired;
    private int foreign;

    CollectionLoader(KeyctlSyscalls keyctl, CollectionKeyring keyring, String collectionId) {
        this.keyctl = keyctl;
        this.keyring = keyring;
        this.collectionId = collectionId;
    }

    CollectionContents load() {
        int[] serials = keyring.list();
        Set<Integer> listed = new HashSet<>();
        for (int serial : serials) {
            listed.add(serial);
            classify(serial);
        }
        CollectionRecord info = readInfo();
        long highestId = highestId();

        Map<Long, StoredItem> items = new TreeMap<>();
        Set<Long> unusable = new HashSet<>();
        long now = Instant.now().getEpochSecond();
        for (Map.Entry<Long, Integer> entry : new TreeMap<>(metadataKeys).entrySet()) {
            StoredItem item = readItem(entry.getKey(), entry.getValue(), now);
            if (item != null) {
                items.put(item.id(), item);
            } else if (metadataKeys.containsKey(entry.getKey())) {
                unusable.add(entry.getKey());
            }
        }

        int orphans = discardOrphans(items, unusable);
        logCleanup(orphans);
        return new CollectionContents(Set.copyOf(listed), infoKey, info, items, highestId);
    }

    private void logCleanup(int orphans) {
        if (orphans > 0) {
            LOG.warn("Discarded {} secret keys of collection {} that interrupted changes left", orphans, collectionId);
        }
        if (expired > 0) {
            LOG.info("Removed {} expired keys from collection {}", expired, collectionId);
        }
        if (foreign > 0) {
            LOG.debug(
                    "Collection {} contains {} keys that are not Keyport's, which stay as they are",
                    collectionId,
                    foreign);
        }
    }

    private void classify(int serial) {
        KeyDescription key;
        try {
            key = keyctl.describe(serial);
        } catch (KeyctlException e) {
            if (e.errno() == Errno.EKEYEXPIRED || e.errno() == Errno.EKEYREVOKED) {
                keyring.discard(serial);
                expired++;
            } else if (!e.mayBeGone()) {
                LOG.warn("Skipping key {} in collection {}: {}", serial, collectionId, e.getMessage());
            }
            return;
        }
        long itemId = KeyNames.itemId(key);
        KeyNames.SecretName secret = KeyNames.secretName(key);
        if (key.type().equals(KeyNames.USER_TYPE) && key.description().equals(KeyNames.INFO)) {
            infoKey = serial;
        } else if (itemId > 0) {
            metadataKeys.put(itemId, serial);
        } else if (secret != null) {
            secretKeys
                    .computeIfAbsent(secret.itemId(), id -> new ArrayList<>())
                    .add(new SecretEntry(serial, secret.generation(), secret.type()));
        } else {
            foreign++;
        }
    }

    private CollectionRecord readInfo() {
        if (infoKey == 0) {
            return null;
        }
        try {
            return CollectionRecord.decode(keyctl.read(infoKey));
        } catch (MalformedRecordException e) {
            LOG.warn(
                    "The info key {} of collection {} is invalid ({}); its label and times are reset",
                    infoKey,
                    collectionId,
                    e.getMessage());
        } catch (KeyctlException e) {
            LOG.warn("Could not read the info key {} of collection {}: {}", infoKey, collectionId, e.getMessage());
        }
        return null;
    }

    /** Returns the item, or {@code null} when it expired (and is then removed from the metadata keys) or is unusable. */
    private StoredItem readItem(long id, int key, long now) {
        ItemRecord record;
        try {
            record = ItemRecord.decode(keyctl.read(key));
        } catch (MalformedRecordException e) {
            LOG.error(
                    "Item {} of collection {} is not served: its metadata key {} is invalid ({}). The key stays for"
                            + " inspection with keyctl pipe",
                    id,
                    collectionId,
                    key,
                    e.getMessage());
            return null;
        } catch (KeyctlException e) {
            if (e.mayBeGone()) {
                dropExpired(id, key);
            } else {
                LOG.error("Item {} of collection {} is not served: {}", id, collectionId, e.getMessage());
            }
            return null;
        }
        if (record.expires() > 0 && record.expires() <= now) {
            dropExpired(id, key);
            return null;
        }
        if (record.generation() == 0) {
            return new StoredItem(id, key, 0, record);
        }
        for (SecretEntry secret : secretKeys.getOrDefault(id, List.of())) {
            if (secret.generation() == record.generation() && secret.type().equals(record.secretType())) {
                return new StoredItem(id, key, secret.serial(), record);
            }
        }
        LOG.warn(
                "Item {} of collection {} is not served: its secret key {} of type {} is missing. Its metadata key {}"
                        + " stays; invalidate it with keyctl to drop the item",
                id,
                collectionId,
                KeyNames.secret(id, record.generation()),
                record.secretType(),
                key);
        return null;
    }

    /** Removes an item whose metadata key expired or vanished, with its secret keys. */
    private void dropExpired(long id, int key) {
        keyring.discard(key);
        expired++;
        metadataKeys.remove(id);
        for (SecretEntry secret : secretKeys.getOrDefault(id, List.of())) {
            keyring.discard(secret.serial());
            expired++;
        }
        secretKeys.remove(id);
    }

    /** Returns the highest item id that any metadata or secret key names, so that no new item reuses one. */
    private long highestId() {
        long highest = 0;
        for (long id : metadataKeys.keySet()) {
            highest = Math.max(highest, id);
        }
        for (long id : secretKeys.keySet()) {
            highest = Math.max(highest, id);
        }
        return highest;
    }

    /**
     * Discards the secret keys that no item uses: those of items without a metadata key, and other generations of
     * served items. Items whose metadata is unusable keep all their secret keys.
     */
    private int discardOrphans(Map<Long, StoredItem> items, Set<Long> unusable) {
        int discarded = 0;
        for (Map.Entry<Long, List<SecretEntry>> entry : secretKeys.entrySet()) {
            if (unusable.contains(entry.getKey())) {
                continue;
            }
            StoredItem item = items.get(entry.getKey());
            for (SecretEntry secret : entry.getValue()) {
                if (item == null || item.secretKey() != secret.serial()) {
                    keyring.discard(secret.serial());
                    discarded++;
                }
            }
        }
        return discarded;
    }

    private record SecretEntry(int serial, long generation, String type) {}
}
