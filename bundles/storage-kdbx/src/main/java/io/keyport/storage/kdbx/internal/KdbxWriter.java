package io.keyport.storage.kdbx.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.w3c.dom.Element;

/**
 * Writes a database in the format version, cipher, compression and KDF it was read with. Every write draws a new
 * master seed, encryption IV and inner stream key, and in KDBX 3.x new stream start bytes. The KDF parameters stay,
 * and so does the transformed key, which is why a save never runs the KDF.
 */
final class KdbxWriter {

    /** KDBX 4 files carry a 64-byte inner stream key for ChaCha20, KDBX 3.1 files a 32-byte one for Salsa20. */
    private static final int CHACHA20_STREAM_KEY_LENGTH = 64;

    private static final int SALSA20_STREAM_KEY_LENGTH = 32;

    private KdbxWriter() {}

    static byte[] write(KdbxDatabase database, byte[] transformedKey, SecureRandom random) throws KdbxException {
        KdbxHeader header = database.header();
        OuterCipher cipher = OuterCipher.of(header.cipherId());
        byte[] masterSeed = randomBytes(random, 32);
        byte[] iv = randomBytes(random, cipher.ivLength());
        byte[] key = Bytes.sha256(masterSeed, transformedKey);
        try {
            return database.isKdbx4()
                    ? write4(database, cipher, masterSeed, iv, key, transformedKey, random)
                    : write3(database, cipher, masterSeed, iv, key, random);
        } finally {
            Bytes.wipe(key);
        }
    }

    private static byte[] write4(
            KdbxDatabase database,
            OuterCipher cipher,
            byte[] masterSeed,
            byte[] iv,
            byte[] key,
            byte[] transformedKey,
            SecureRandom random)
            throws KdbxException {
        KdbxHeader header =
                database.header().withFields(Map.of(KdbxHeader.MASTER_SEED, masterSeed, KdbxHeader.ENCRYPTION_IV, iv));
        InnerHeader inner = database.innerHeader();
        byte[] streamKey = randomBytes(
                random,
                inner.streamId() == InnerStream.SALSA20 ? SALSA20_STREAM_KEY_LENGTH : CHACHA20_STREAM_KEY_LENGTH);
        ByteArrayOutputStream plain = new ByteArrayOutputStream(1 << 16);
        inner.write(plain, streamKey);
        writeXml(database, InnerStream.create(inner.streamId(), streamKey), plain);
        Bytes.wipe(streamKey);

        byte[] payload = compressIfFlagged(header, plain);
        byte[] ciphertext = cipher.encrypt(key, iv, payload);
        Bytes.wipe(payload);
        byte[] baseKey = HmacBlockStream.baseKey(masterSeed, transformedKey);
        try {
            byte[] raw = header.raw();
            ByteArrayOutputStream file = new ByteArrayOutputStream(ciphertext.length + raw.length + 1024);
            file.writeBytes(raw);
            file.writeBytes(Bytes.sha256(raw));
            file.writeBytes(HmacBlockStream.hmac(baseKey, HmacBlockStream.HEADER_INDEX, raw));
            file.writeBytes(HmacBlockStream.write(ciphertext, baseKey));
            return file.toByteArray();
        } finally {
            Bytes.wipe(baseKey);
        }
    }

    private static byte[] write3(
            KdbxDatabase database, OuterCipher cipher, byte[] masterSeed, byte[] iv, byte[] key, SecureRandom random)
            throws KdbxException {
        byte[] streamKey = randomBytes(random, SALSA20_STREAM_KEY_LENGTH);
        byte[] startBytes = randomBytes(random, 32);
        KdbxHeader header = database.header()
                .withFields(Map.of(
                        KdbxHeader.MASTER_SEED, masterSeed,
                        KdbxHeader.ENCRYPTION_IV, iv,
                        KdbxHeader.PROTECTED_STREAM_KEY, streamKey,
                        KdbxHeader.STREAM_START_BYTES, startBytes));
        byte[] raw = header.raw();
        // KDBX 3.x has no header HMAC; readers compare the header with this hash inside the encrypted payload.
        Element meta = database.meta();
        Dom.setChildText(meta, "HeaderHash", Base64.getEncoder().encodeToString(Bytes.sha256(raw)));

        byte[] streamIdField = header.requireField(KdbxHeader.INNER_RANDOM_STREAM_ID, "inner random stream id");
        ByteArrayOutputStream xml = new ByteArrayOutputStream(1 << 16);
        writeXml(database, InnerStream.create(Bytes.readInt(streamIdField, 0), streamKey), xml);
        Bytes.wipe(streamKey);

        byte[] payload = compressIfFlagged(header, xml);
        byte[] blocks = HashedBlockStream.write(payload);
        Bytes.wipe(payload);
        ByteArrayOutputStream plain = new ByteArrayOutputStream(blocks.length + 32);
        plain.writeBytes(startBytes);
        plain.writeBytes(blocks);
        Bytes.wipe(blocks);
        byte[] plainBytes = plain.toByteArray();
        byte[] ciphertext = cipher.encrypt(key, iv, plainBytes);
        Bytes.wipe(plainBytes);

        ByteArrayOutputStream file = new ByteArrayOutputStream(ciphertext.length + raw.length);
        file.writeBytes(raw);
        file.writeBytes(ciphertext);
        return file.toByteArray();
    }

    private static void writeXml(KdbxDatabase database, InnerStream stream, ByteArrayOutputStream output) {
        try {
            XmlWriter.write(database.document(), database.protectedValues(), stream, output);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to memory failed", e);
        }
    }

    private static byte[] compressIfFlagged(KdbxHeader header, ByteArrayOutputStream plain) throws KdbxException {
        byte[] bytes = plain.toByteArray();
        if (!header.compressed()) {
            return bytes;
        }
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 1 << 16)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Compressing in memory failed", e);
        } finally {
            Bytes.wipe(bytes);
        }
        return compressed.toByteArray();
    }

    private static byte[] randomBytes(SecureRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
