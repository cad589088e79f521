package io.keyport.storage.keyring.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.keyport.api.storage.StorageException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.Test;

/** The binary records in the payloads of metadata and info keys. */
public class ItemRecordTest {

    private static final ItemRecord RECORD = new ItemRecord(
            1_700_000_000L,
            1_700_000_100L,
            0,
            3,
            "user",
            "text/plain; charset=utf8",
            "Label ü",
            Map.of("service", "mail", "user", "alice", "empty", ""));

    @Test
    public void itemRecordRoundTrips() throws Exception {
        assertEquals(RECORD, ItemRecord.decode(RECORD.encode()));
    }

    @Test
    public void itemRecordWithBigKeyRoundTrips() throws Exception {
        ItemRecord record = RECORD.withSecret(9, "big_key", "application/octet-stream", 1_700_000_200L);

        assertEquals(record, ItemRecord.decode(record.encode()));
    }

    @Test
    public void encodingIsIndependentOfMapOrder() {
        Map<String, String> reversed = new HashMap<>();
        reversed.put("user", "alice");
        reversed.put("service", "mail");
        reversed.put("empty", "");

        assertArrayEquals(
                RECORD.encode(),
                RECORD.withAttributes(reversed, RECORD.modified()).encode());
    }

    @Test
    public void truncatedItemRecordIsRejected() {
        byte[] encoded = RECORD.encode();

        for (int length = 0; length < encoded.length; length++) {
            byte[] truncated = Arrays.copyOf(encoded, length);
            assertThrows("length " + length, MalformedRecordException.class, () -> ItemRecord.decode(truncated));
        }
    }

    @Test
    public void trailingBytesAreRejected() {
        byte[] longer = Arrays.copyOf(RECORD.encode(), RECORD.encode().length + 1);

        MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> ItemRecord.decode(longer));

        assertTrue(e.getMessage(), e.getMessage().contains("1 unexpected bytes"));
    }

    @Test
    public void unknownVersionIsRejected() {
        byte[] encoded = RECORD.encode();
        encoded[3] = 2;

        assertThrows(MalformedRecordException.class, () -> ItemRecord.decode(encoded));
    }

    @Test
    public void invalidUtf8IsRejectedWithoutValue() {
        ItemRecord record = new ItemRecord(1, 1, 0, 0, "user", "", "ab", Map.of());
        byte[] encoded = record.encode();
        encoded[encoded.length - 3] = (byte) 0xC3;

        MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> ItemRecord.decode(encoded));

        assertEquals("the label is not valid UTF-8", e.getMessage());
    }

    @Test
    public void duplicateAttributeNameIsRejected() {
        byte[] encoded = new RecordWriter()
                .bytes(new byte[] {'K', 'P', 'I', 1})
                .i64(1)
                .i64(1)
                .i64(0)
                .i64(0)
                .u8(0)
                .string("content type", "")
                .string("label", "")
                .u16(2)
                .string("name", "a")
                .string("value", "1")
                .string("name", "a")
                .string("value", "2")
                .toByteArray();

        assertThrows(MalformedRecordException.class, () -> ItemRecord.decode(encoded));
    }

    @Test
    public void recordAboveUserPayloadIsRejectedWithoutValue() {
        String label = "x".repeat(40_000);
        ItemRecord record = new ItemRecord(1, 1, 0, 0, "user", "", "short", Map.of("a", label));

        StorageException e = assertThrows(StorageException.class, record::encode);

        assertTrue(e.getMessage(), e.getMessage().contains("32767 bytes of a user key"));
        assertFalse(e.getMessage(), e.getMessage().contains("xxx"));
    }

    @Test
    public void stringAbove65535BytesIsRejected() {
        ItemRecord record = new ItemRecord(1, 1, 0, 0, "user", "", "y".repeat(70_000), Map.of());

        StorageException e = assertThrows(StorageException.class, record::encode);

        assertTrue(e.getMessage(), e.getMessage().startsWith("The label is 70000 bytes"));
    }

    @Test
    public void toStringHidesLabelAndValues() {
        String text = RECORD.toString();

        assertFalse(text, text.contains("alice"));
        assertFalse(text, text.contains("Label"));
    }

    @Test
    public void matchesRequiresEveryQueryPair() {
        assertTrue(RECORD.matches(Map.of()));
        assertTrue(RECORD.matches(Map.of("service", "mail")));
        assertTrue(RECORD.matches(Map.of("service", "mail", "user", "alice")));
        assertFalse(RECORD.matches(Map.of("service", "Mail")));
        assertFalse(RECORD.matches(Map.of("missing", "")));
    }

    @Test
    public void collectionRecordRoundTrips() throws Exception {
        CollectionRecord record = new CollectionRecord(5, 6, 7, "Sitzung");

        assertEquals(record, CollectionRecord.decode(record.encode()));
    }

    @Test
    public void collectionRecordWithZeroNextIdIsRejected() {
        byte[] encoded = new CollectionRecord(5, 6, 0, "x").encode();

        assertThrows(MalformedRecordException.class, () -> CollectionRecord.decode(encoded));
    }
}
