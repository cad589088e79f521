package io.keyport.storage.keyring.internal;

/**
 * An item as the kernel keeps it.
 *
 * @param id the item id
 * @param metadataKey the serial number of its {@code keyport:item:ID} key
 * @param secretKey the serial number of its secret key, or 0 for an empty secret
 * @param record the metadata record
 */
record StoredItem(long id, int metadataKey, int secretKey, ItemRecord record) {}
