package io.keyport.storage.kdbx.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The format pieces on their own: variant dictionaries, times, key files, block streams and the XML writer. */
public class FormatPiecesTest {

    @Test
    public void variantDictionaryRoundTripsBytes() throws Exception {
        VariantDictionary dictionary = new VariantDictionary();
        dictionary.putBytes("$UUID", Uuids.toBytes(KdfParameters.ARGON2ID));
        dictionary.putUint64("M", 64L << 20);
        dictionary.putUint32("P", 2);
        byte[] bytes = dictionary.serialize();

        VariantDictionary parsed = VariantDictionary.parse(bytes);

        assertArrayEquals(bytes, parsed.serialize());
        assertEquals(64L << 20, parsed.uint64("M"));
        assertEquals(2, parsed.uint32("P"));
    }

    @Test
    public void variantDictionaryRejectsNewerMajorVersion() {
        KdbxException e = assertThrows(KdbxException.class, () -> VariantDictionary.parse(new byte[] {0, 2, 0}));
        assertEquals(KdbxException.Kind.UNSUPPORTED, e.kind());
    }

    @Test
    public void truncatedDictionaryIsMalformed() {
        KdbxException e =
                assertThrows(KdbxException.class, () -> VariantDictionary.parse(new byte[] {0, 1, 0x42, 5, 0}));
        assertEquals(KdbxException.Kind.MALFORMED, e.kind());
    }

    @Test
    public void timesReadBothEncodings() {
        long unix = 1_700_000_000L;
        assertEquals(unix, KdbxTimes.parse(KdbxTimes.format(unix, true), 0));
        assertEquals(unix, KdbxTimes.parse(KdbxTimes.format(unix, false), 0));
        assertEquals("2023-11-14T22:13:20Z", KdbxTimes.format(unix, false));
        assertEquals(7, KdbxTimes.parse("garbage", 7));
    }

    @Test
    public void keyFileForms() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String hex = Bytes.hex(key);

        assertArrayEquals(key, KeyFile.key(key));
        assertArrayEquals(key, KeyFile.key(hex.getBytes(StandardCharsets.US_ASCII)));
        byte[] withNewline = (hex + "\n").getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(Bytes.sha256(withNewline), KeyFile.key(withNewline));
        String v1 = "<KeyFile><Meta><Version>1.00</Version></Meta><Key><Data>"
                + Base64.getEncoder().encodeToString(key) + "</Data></Key></KeyFile>";
        assertArrayEquals(key, KeyFile.key(v1.getBytes(StandardCharsets.UTF_8)));
        String hash = Bytes.hex(java.util.Arrays.copyOf(Bytes.sha256(key), 4));
        String v2 = "<KeyFile><Meta><Version>2.0</Version></Meta><Key><Data Hash=\"" + hash + "\">"
                + hex.substring(0, 16) + " " + hex.substring(16) + "</Data></Key></KeyFile>";
        assertArrayEquals(key, KeyFile.key(v2.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    public void keyFileWithWrongHashIsRejected() {
        String v2 = "<KeyFile><Meta><Version>2.0</Version></Meta><Key><Data Hash=\"00000000\">" + "00".repeat(32)
                + "</Data></Key></KeyFile>";
        KdbxException e = assertThrows(KdbxException.class, () -> KeyFile.key(v2.getBytes(StandardCharsets.UTF_8)));
        assertEquals(KdbxException.Kind.MALFORMED, e.kind());
    }

    @Test
    public void hmacBlockStreamDetectsTampering() throws Exception {
        byte[] baseKey = new byte[64];
        byte[] data = new byte[HmacBlockStream.BLOCK_SIZE + 10];
        new SecureRandom().nextBytes(data);
        byte[] stream = HmacBlockStream.write(data, baseKey);

        assertArrayEquals(data, HmacBlockStream.read(stream, 0, baseKey));
        stream[40] ^= 1;
        KdbxException e = assertThrows(KdbxException.class, () -> HmacBlockStream.read(stream, 0, baseKey));
        assertEquals(KdbxException.Kind.MALFORMED, e.kind());
    }

    @Test
    public void hashedBlockStreamRoundTrips() throws Exception {
        byte[] data = "payload".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(data, HashedBlockStream.read(HashedBlockStream.write(data), 0));
    }

    @Test
    public void xmlWriterDropsInvalidCharactersAndKeepsText() throws Exception {
        Document document = XmlPayload.documentBuilder().newDocument();
        Element root = document.createElement("KeePassFile");
        document.appendChild(root);
        Dom.append(root, "Value", "a\u0001b <&> \"q\" \r\n \uD83D\uDE00");
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        XmlWriter.write(document, new ProtectedValues(), InnerStream.create(InnerStream.NONE, new byte[0]), output);

        Document parsed = XmlPayload.parse(output.toByteArray(), 0);
        assertEquals("ab <&> \"q\" \r\n \uD83D\uDE00", Dom.childText(parsed.getDocumentElement(), "Value"));
    }

    @Test
    public void protectedValuesUseOneStreamInDocumentOrder() throws Exception {
        byte[] streamKey = new byte[64];
        String xml = "<KeePassFile><A Protected=\"True\">%s</A><B><C Protected=\"True\">%s</C></B></KeePassFile>";
        InnerStream writer = InnerStream.create(InnerStream.CHACHA20, streamKey);
        byte[] first = "first".getBytes(StandardCharsets.UTF_8);
        byte[] second = "second".getBytes(StandardCharsets.UTF_8);
        writer.apply(first);
        writer.apply(second);
        String encoded = String.format(
                xml,
                Base64.getEncoder().encodeToString(first),
                Base64.getEncoder().encodeToString(second));

        Document document = XmlPayload.parse(encoded.getBytes(StandardCharsets.UTF_8), 0);
        ProtectedValues values = ProtectedValues.decrypt(document, InnerStream.create(InnerStream.CHACHA20, streamKey));

        Element c = (Element) document.getElementsByTagName("C").item(0);
        assertEquals("second", new String(values.get(c), StandardCharsets.UTF_8));
        assertEquals("", c.getTextContent());
    }

    @Test
    public void argon2MemoryLimitIsCheckedBeforeDerivation() throws Exception {
        VariantDictionary dictionary = new VariantDictionary();
        dictionary.putBytes("$UUID", Uuids.toBytes(KdfParameters.ARGON2D));
        dictionary.putBytes("S", new byte[32]);
        dictionary.putUint32("P", 1);
        dictionary.putUint64("M", 1L << 50);
        dictionary.putUint64("I", 1);
        dictionary.putUint32("V", 0x13);
        KdfParameters parameters = KdfParameters.fromField(dictionary.serialize());

        KdbxException e =
                assertThrows(KdbxException.class, () -> KeyTransform.transform(parameters, new byte[32], 1024));

        assertEquals(KdbxException.Kind.RESOURCE_LIMIT, e.kind());
        assertTrue(e.getMessage(), e.getMessage().contains("kdf.max.memory.mib = 1024"));
    }

    @Test
    public void kdbx1FileIsRejectedAsUnsupported() {
        byte[] kdb = {0x03, (byte) 0xd9, (byte) 0xa2, (byte) 0x9a, 0x65, (byte) 0xfb, 0x4b, (byte) 0xb5};
        KdbxException e = assertThrows(KdbxException.class, () -> KdbxHeader.parse(kdb));
        assertEquals(KdbxException.Kind.UNSUPPORTED, e.kind());
        assertNull(Bytes.fromHex("zz"));
    }
}
