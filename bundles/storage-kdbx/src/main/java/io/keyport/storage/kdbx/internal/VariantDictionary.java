package io.keyport.storage.kdbx.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * KDBX 4's typed key-value list, used for the KDF parameters and public custom data: a u16 version, then items of
 * type u8, key length i32, UTF-8 key, value length i32 and value, ended by type 0. Items keep their order and raw
 * bytes, so an unchanged dictionary serialises to the bytes it was read from.
 */
final class VariantDictionary {

    static final int TYPE_UINT32 = 0x04;
    static final int TYPE_UINT64 = 0x05;
    static final int TYPE_BOOL = 0x08;
    static final int TYPE_INT32 = 0x0C;
    static final int TYPE_INT64 = 0x0D;
    static final int TYPE_STRING = 0x18;
    static final int TYPE_BYTES = 0x42;

    private static final int VERSION = 0x0100;
    /** Readers accept every minor version of the format, so only the high byte is checked. */
    private static final int CRITICAL_MASK = 0xFF00;

    /** One item's type code and raw value bytes. */
    record Item(int type, byte[] value) {}

    private final Map<String, Item> items = new LinkedHashMap<>();

    static VariantDictionary parse(byte[] data) throws KdbxException {
        ByteReader reader = new ByteReader(data, "KDF parameter list");
        int version = reader.u16();
        if ((version & CRITICAL_MASK) > (VERSION & CRITICAL_MASK)) {
            throw KdbxException.unsupported(
                    "KDF parameter list version 0x" + Integer.toHexString(version) + " is newer than 0x0100");
        }
        VariantDictionary dictionary = new VariantDictionary();
        while (true) {
            int type = reader.u8();
            if (type == 0) {
                return dictionary;
            }
            String key = new String(reader.bytes(reader.length()), StandardCharsets.UTF_8);
            byte[] value = reader.bytes(reader.length());
            dictionary.items.put(key, new Item(type, value));
        }
    }

    byte[] serialize() {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        output.write(VERSION & 0xFF);
        output.write(VERSION >>> 8);
        for (Map.Entry<String, Item> entry : items.entrySet()) {
            byte[] key = entry.getKey().getBytes(StandardCharsets.UTF_8);
            output.write(entry.getValue().type());
            Bytes.writeInt(output, key.length);
            output.writeBytes(key);
            Bytes.writeInt(output, entry.getValue().value().length);
            output.writeBytes(entry.getValue().value());
        }
        output.write(0);
        return output.toByteArray();
    }

    boolean contains(String key) {
        return items.containsKey(key);
    }

    byte[] bytes(String key) throws KdbxException {
        return require(key, TYPE_BYTES).value().clone();
    }

    /** Returns a byte array value, or {@code null} when the key is absent. */
    byte[] optionalBytes(String key) throws KdbxException {
        return items.containsKey(key) ? bytes(key) : null;
    }

    long uint32(String key) throws KdbxException {
        byte[] value = require(key, TYPE_UINT32).value();
        checkLength(key, value, 4);
        return Bytes.readInt(value, 0) & 0xFFFFFFFFL;
    }

    /** Returns a u64 value; values past 2^63 - 1 come back negative, and callers compare them as unsigned. */
    long uint64(String key) throws KdbxException {
        byte[] value = require(key, TYPE_UINT64).value();
        checkLength(key, value, 8);
        return Bytes.readLong(value, 0);
    }

    void putBytes(String key, byte[] value) {
        items.put(key, new Item(TYPE_BYTES, value.clone()));
    }

    void putUint32(String key, long value) {
        items.put(key, new Item(TYPE_UINT32, Bytes.int32((int) value)));
    }

    void putUint64(String key, long value) {
        items.put(key, new Item(TYPE_UINT64, Bytes.int64(value)));
    }

    private Item require(String key, int type) throws KdbxException {
        Item item = items.get(key);
        if (item == null) {
            throw KdbxException.malformed("KDF parameter " + key + " is missing");
        }
        if (item.type() != type) {
            throw KdbxException.malformed("KDF parameter " + key + " has type 0x" + Integer.toHexString(item.type())
                    + " where 0x" + Integer.toHexString(type) + " is expected");
        }
        return item;
    }

    private static void checkLength(String key, byte[] value, int length) throws KdbxException {
        if (value.length != length) {
            throw KdbxException.malformed(
                    "KDF parameter " + key + " has " + value.length + " bytes where " + length + " are expected");
        }
    }
}
