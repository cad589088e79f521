package io.keyport.storage.keyring.internal;

/**
 * The payload of a collection's {@code keyport:info} key. Version 1, big-endian:
 *
 * <pre>
 * 4 bytes   "KPC" and the version byte 1
 * int64     created, seconds since the Unix epoch
 * int64     modified, seconds since the Unix epoch
 * int64     the next item id, so that ids of deleted items are not given out again
 * string    label: a uint16 byte length and that many bytes of UTF-8
 * </pre>
 */
record CollectionRecord(long created, long modified, long nextItemId, String label) {

    private static final byte[] HEADER = {'K', 'P', 'C', 1};

    byte[] encode() {
        return new RecordWriter()
                .bytes(HEADER)
                .i64(created)
                .i64(modified)
                .i64(nextItemId)
                .string("collection label", label)
                .toByteArray();
    }

    static CollectionRecord decode(byte[] payload) throws MalformedRecordException {
        RecordReader reader = new RecordReader(payload);
        reader.expectHeader(HEADER);
        long created = reader.i64();
        long modified = reader.i64();
        long nextItemId = reader.i64();
        if (created < 0 || modified < 0 || nextItemId < 1) {
            throw new MalformedRecordException("invalid time or next item id");
        }
        String label = reader.string("collection label");
        reader.expectEnd();
        return new CollectionRecord(created, modified, nextItemId, label);
    }

    /** Prints the times and the next item id only: labels are not for logs. */
    @Override
    public String toString() {
        return "CollectionRecord[created=" + created + ", modified=" + modified + ", nextItemId=" + nextItemId + "]";
    }
}
