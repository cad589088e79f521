package io.keyport.storage.keyring.internal;

import java.util.Map;
import java.util.Set;

/**
 * The contents of a collection keyring as {@link CollectionLoader} read them.
 *
 * @param listed the serial numbers linked in the keyring when it was read
 * @param infoKey the serial number of the {@code keyport:info} key, or 0 when it is missing
 * @param info the collection record, or {@code null} when the key is missing or invalid
 * @param items the items that can be served, by id
 * @param highestId the highest item id that a key in the keyring names, served or not, or 0
 */
record CollectionContents(
        Set<Integer> listed, int infoKey, CollectionRecord info, Map<Long, StoredItem> items, long highestId) {}
