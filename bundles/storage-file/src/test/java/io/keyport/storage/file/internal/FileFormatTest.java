package io.keyport.storage.file.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.keyport.api.crypto.Argon2idParameters;
import io.keyport.storage.file.internal.JournalRecord.CollectionMeta;
import io.keyport.storage.file.internal.JournalRecord.ItemDelete;
import io.keyport.storage.file.internal.JournalRecord.ItemPut;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class FileFormatTest {

    static CollectionHeader sampleHeader() {
        return new CollectionHeader(
                filled(16, 1),
                "login",
                1_700_000_000L,
                new Argon2idParameters(65536, 3, 1),
                filled(16, 2),
                filled(16, 3),
                filled(FileFormat.WRAPPED_KEY_LENGTH, 4));
    }

    @Test
    public void headerRoundTrip() {
        CollectionHeader header = sampleHeader();
        byte[] encoded = header.encode();

        assertEquals(header.length(), encoded.length);
        assertEquals(encoded.length, CollectionHeader.readLength(Arrays.copyOf(encoded, 12)));
        CollectionHeader decoded = CollectionHeader.decode(encoded);
        assertArrayEquals(header.uuid(), decoded.uuid());
        assertEquals("login", decoded.id());
        assertEquals(1_700_000_000L, decoded.created());
        assertEquals(header.argon2(), decoded.argon2());
        assertArrayEquals(header.salt(), decoded.salt());
        assertArrayEquals(header.attributeKeyCheck(), decoded.attributeKeyCheck());
        assertArrayEquals(header.wrappedKey(), decoded.wrappedKey());
        assertArrayEquals(encoded, decoded.encode());
    }

    @Test
    public void headerStartsWithMagicAndVersion() {
        byte[] encoded = sampleHeader().encode();

        assertEquals("KEYPORTC", new String(encoded, 0, 8, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(0, encoded[8]);
        assertEquals(1, encoded[9]);
    }

    @Test
    public void headerRejectsArgon2AboveBounds() {
        CollectionHeader hostile = new CollectionHeader(
                filled(16, 1),
                "login",
                0,
                new Argon2idParameters(2 * 1024 * 1024, 3, 1),
                filled(16, 2),
                filled(16, 3),
                filled(FileFormat.WRAPPED_KEY_LENGTH, 4));

        MalformedDataException e =
                assertThrows(MalformedDataException.class, () -> CollectionHeader.decode(hostile.encode()));
        assertTrue(e.getMessage(), e.getMessage().contains("memory"));
    }

    @Test
    public void headerRejectsNewerVersion() {
        byte[] encoded = sampleHeader().encode();
        encoded[9] = 2;

        MalformedDataException e = assertThrows(
                MalformedDataException.class, () -> CollectionHeader.readLength(Arrays.copyOf(encoded, 12)));
        assertTrue(e.getMessage(), e.getMessage().contains("version 2"));
    }

    @Test
    public void itemPutRoundTrip() {
        List<AttributeTag> tags = List.of(new AttributeTag(filled(32, 7)), new AttributeTag(filled(32, 8)));
        ItemPut put = new ItemPut("0a1b2c", 10, 20, tags, filled(40, 9));

        byte[] frame = put.frame();
        ItemPut decoded = (ItemPut) JournalRecord.decode(Arrays.copyOfRange(frame, 12, frame.length));

        assertEquals(ItemIndex.frameLength(put), frame.length);
        assertEquals("0a1b2c", decoded.id());
        assertEquals(10, decoded.created());
        assertEquals(20, decoded.modified());
        assertEquals(tags, decoded.tags());
        assertArrayEquals(put.sealedPayload(), decoded.sealedPayload());
    }

    @Test
    public void deleteAndMetaRoundTrip() {
        byte[] deleteFrame = new ItemDelete("abc", 5).frame();
        byte[] metaFrame = new CollectionMeta(6, 42, filled(30, 1)).frame();

        assertEquals(
                new ItemDelete("abc", 5),
                JournalRecord.decode(Arrays.copyOfRange(deleteFrame, 12, deleteFrame.length)));
        CollectionMeta meta =
                (CollectionMeta) JournalRecord.decode(Arrays.copyOfRange(metaFrame, 12, metaFrame.length));
        assertEquals(6, meta.modified());
        assertEquals(42, meta.lastItemNumber());
        assertArrayEquals(filled(30, 1), meta.sealedLabel());
    }

    @Test
    public void frameHasLengthAndChecksums() {
        byte[] frame = new ItemDelete("abc", 5).frame();
        BinaryReader reader = new BinaryReader(frame);

        assertEquals(frame.length - 12, reader.readInt());
        assertEquals(FileFormat.crc32c(frame, 0, 4), reader.readInt());
        assertEquals(FileFormat.crc32c(frame, 12, frame.length - 12), reader.readInt());
        assertEquals(JournalRecord.ITEM_DELETE, frame[12]);
    }

    @Test
    public void payloadRoundTrip() {
        ItemPayload payload = new ItemPayload(
                "Label é", Map.of("user", "ann", "ünïcode", "välue"), "text/plain", new byte[] {1, 2, 3});

        byte[] encoded = payload.encode();
        ItemPayload decoded = ItemPayload.decode(encoded);

        assertEquals("Label é", decoded.label());
        assertEquals(payload.attributes(), decoded.attributes());
        assertEquals("text/plain", decoded.contentType());
        assertArrayEquals(new byte[] {1, 2, 3}, decoded.secret());
    }

    @Test
    public void payloadRejectsTrailingBytes() {
        byte[] encoded = new ItemPayload("L", Map.of(), "", new byte[0]).encode();
        byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);

        assertThrows(MalformedDataException.class, () -> ItemPayload.decode(longer));
    }

    @Test
    public void attributeKeyFileRoundTrip() {
        byte[] key = filled(32, 5);

        byte[] encoded = AttributeKeyFile.encode(key);

        assertEquals(AttributeKeyFile.LENGTH, encoded.length);
        assertArrayEquals(key, AttributeKeyFile.decode(encoded));
        encoded[12] ^= 1;
        assertThrows(MalformedDataException.class, () -> AttributeKeyFile.decode(encoded));
    }

    @Test
    public void attributeTagsSeparateNameFromValue() {
        AttributeKeys keys = new AttributeKeys(TestStores.KDF, TestStores.AEAD, filled(32, 1), filled(16, 2));

        List<AttributeTag> split1 = keys.tags(Map.of("ab", "c"));
        List<AttributeTag> split2 = keys.tags(Map.of("a", "bc"));

        assertEquals(1, split1.size());
        assertTrue(!split1.equals(split2));
        assertEquals(split1, keys.tags(Map.of("ab", "c")));
    }

    @Test
    public void attributeTagsDependOnCollection() {
        AttributeKeys first = new AttributeKeys(TestStores.KDF, TestStores.AEAD, filled(32, 1), filled(16, 2));
        AttributeKeys second = new AttributeKeys(TestStores.KDF, TestStores.AEAD, filled(32, 1), filled(16, 3));

        assertTrue(!first.tags(Map.of("a", "b")).equals(second.tags(Map.of("a", "b"))));
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
