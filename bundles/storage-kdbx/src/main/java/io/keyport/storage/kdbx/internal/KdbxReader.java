package io.keyport.storage.kdbx.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads KDBX 3.1, 4.0 and 4.1 files in two steps: {@link #readHeader} needs no key and returns the KDF to run, and
 * {@link #decrypt} takes the transformed key. A wrong key is told apart from damage wherever the format allows:
 * in KDBX 4 by the header HMAC after the header's SHA-256 matched, in KDBX 3.x by the stream start bytes.
 */
final class KdbxReader {

    /** The largest decompressed payload this engine accepts, so a small GZip bomb cannot exhaust memory. */
    static final int MAX_PAYLOAD = 1 << 30;

    private KdbxReader() {}

    /** The header of a file and its KDF parameters. */
    record Header(KdbxHeader header, KdfParameters kdf) {}

    /** Parses the header and, in KDBX 4, checks its SHA-256, which needs no key. */
    static Header readHeader(byte[] file) throws KdbxException {
        KdbxHeader header = KdbxHeader.parse(file);
        if (header.isKdbx4()) {
            ByteReader reader = new ByteReader(file, header.length(), file.length, "KDBX header checksum");
            byte[] sha = reader.bytes(32);
            if (!MessageDigest.isEqual(sha, Bytes.sha256(header.raw()))) {
                throw KdbxException.malformed(
                        "the header's SHA-256 checksum does not match, so the file is" + " damaged");
            }
            return new Header(header, KdfParameters.fromField(header.requireField(KdbxHeader.KDF_PARAMETERS, "KDF")));
        }
        KdfParameters kdf = KdfParameters.fromTransformFields(
                header.requireField(KdbxHeader.TRANSFORM_SEED, "transform seed"),
                header.requireField(KdbxHeader.TRANSFORM_ROUNDS, "transform rounds"));
        return new Header(header, kdf);
    }

    static KdbxDatabase decrypt(byte[] file, Header parsed, byte[] transformedKey) throws KdbxException {
        KdbxHeader header = parsed.header();
        byte[] masterSeed = header.requireField(KdbxHeader.MASTER_SEED, "master seed");
        if (masterSeed.length != 32) {
            throw KdbxException.malformed("the master seed has " + masterSeed.length + " bytes instead of 32");
        }
        OuterCipher cipher = OuterCipher.of(header.cipherId());
        byte[] iv = header.requireField(KdbxHeader.ENCRYPTION_IV, "encryption IV");
        byte[] key = Bytes.sha256(masterSeed, transformedKey);
        try {
            return header.isKdbx4()
                    ? decrypt4(file, parsed, cipher, key, iv, masterSeed, transformedKey)
                    : decrypt3(file, parsed, cipher, key, iv);
        } finally {
            Bytes.wipe(key);
        }
    }

    private static KdbxDatabase decrypt4(
            byte[] file,
            Header parsed,
            OuterCipher cipher,
            byte[] key,
            byte[] iv,
            byte[] masterSeed,
            byte[] transformedKey)
            throws KdbxException {
        KdbxHeader header = parsed.header();
        int offset = header.length();
        byte[] expectedHmac = new ByteReader(file, offset + 32, file.length, "KDBX header HMAC").bytes(32);
        byte[] baseKey = HmacBlockStream.baseKey(masterSeed, transformedKey);
        byte[] plain = null;
        try {
            byte[] actualHmac = HmacBlockStream.hmac(baseKey, HmacBlockStream.HEADER_INDEX, header.raw());
            if (!MessageDigest.isEqual(expectedHmac, actualHmac)) {
                throw new KdbxException(KdbxException.Kind.WRONG_KEY, "the key does not open the database");
            }
            byte[] ciphertext = HmacBlockStream.read(file, offset + 64, baseKey);
            plain = cipher.decrypt(key, iv, ciphertext);
            if (header.compressed()) {
                byte[] compressed = plain;
                plain = gunzip(compressed);
                Bytes.wipe(compressed);
            }
            InnerHeader.Parsed inner = InnerHeader.parse(plain);
            InnerStream stream = InnerStream.create(inner.header().streamId(), inner.streamKey());
            Bytes.wipe(inner.streamKey());
            Document document = XmlPayload.parse(plain, inner.xmlOffset());
            ProtectedValues protectedValues = ProtectedValues.decrypt(document, stream);
            return new KdbxDatabase(header, parsed.kdf(), inner.header(), document, protectedValues);
        } finally {
            Bytes.wipe(baseKey, plain);
        }
    }

    private static KdbxDatabase decrypt3(byte[] file, Header parsed, OuterCipher cipher, byte[] key, byte[] iv)
            throws KdbxException {
        KdbxHeader header = parsed.header();
        byte[] plain = null;
        byte[] payload = null;
        try {
            try {
                plain = cipher.decrypt(key, iv, Arrays.copyOfRange(file, header.length(), file.length));
            } catch (KdbxException e) {
                // Without a MAC, invalid padding after decryption is what a wrong key looks like.
                throw new KdbxException(KdbxException.Kind.WRONG_KEY, "the key does not open the database");
            }
            byte[] startBytes = header.requireField(KdbxHeader.STREAM_START_BYTES, "stream start bytes");
            if (plain.length < startBytes.length
                    || !MessageDigest.isEqual(startBytes, Arrays.copyOf(plain, startBytes.length))) {
                throw new KdbxException(KdbxException.Kind.WRONG_KEY, "the key does not open the database");
            }
            payload = HashedBlockStream.read(plain, startBytes.length);
            if (header.compressed()) {
                byte[] compressed = payload;
                payload = gunzip(compressed);
                Bytes.wipe(compressed);
            }
            byte[] streamIdField = header.requireField(KdbxHeader.INNER_RANDOM_STREAM_ID, "inner random stream id");
            if (streamIdField.length != 4) {
                throw KdbxException.malformed("the inner random stream id has " + streamIdField.length + " bytes");
            }
            byte[] streamKey = header.requireField(KdbxHeader.PROTECTED_STREAM_KEY, "protected stream key");
            InnerStream stream = InnerStream.create(Bytes.readInt(streamIdField, 0), streamKey);
            Bytes.wipe(streamKey);
            Document document = XmlPayload.parse(payload, 0);
            ProtectedValues protectedValues = ProtectedValues.decrypt(document, stream);
            checkHeaderHash(document, header);
            return new KdbxDatabase(header, parsed.kdf(), null, document, protectedValues);
        } finally {
            Bytes.wipe(plain, payload);
        }
    }

    /** KDBX 3.x stores the header's SHA-256 in Meta/HeaderHash, since its header has no HMAC. */
    private static void checkHeaderHash(Document document, KdbxHeader header) throws KdbxException {
        Element meta = Dom.child(document.getDocumentElement(), "Meta");
        String stored = meta == null ? null : Dom.childText(meta, "HeaderHash");
        if (stored == null || stored.isBlank()) {
            return;
        }
        byte[] expected;
        try {
            expected = Base64.getMimeDecoder().decode(stored.trim());
        } catch (IllegalArgumentException e) {
            throw KdbxException.malformed("Meta/HeaderHash is not valid base64");
        }
        if (!MessageDigest.isEqual(expected, Bytes.sha256(header.raw()))) {
            throw KdbxException.malformed("the header does not match Meta/HeaderHash, so the file is damaged");
        }
    }

    private static byte[] gunzip(byte[] data) throws KdbxException {
        try (InputStream input = new GZIPInputStream(new ByteArrayInputStream(data))) {
            ByteArrayOutputStream output = new ByteArrayOutputStream(data.length * 4);
            byte[] buffer = new byte[1 << 16];
            int count;
            while ((count = input.read(buffer)) > 0) {
                if (output.size() + (long) count > MAX_PAYLOAD) {
                    throw new KdbxException(
                            KdbxException.Kind.RESOURCE_LIMIT,
                            "the decompressed payload is larger than " + (MAX_PAYLOAD >> 20) + " MiB");
                }
                output.write(buffer, 0, count);
            }
            Bytes.wipe(buffer);
            return output.toByteArray();
        } catch (IOException e) {
            throw KdbxException.malformed("the GZip-compressed payload is damaged");
        }
    }
}
