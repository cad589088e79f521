package io.keyport.storage.kdbx.internal;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Runs a file's KDF on a 32-byte composite key, within a memory limit, to get the 32-byte transformed key. */
final class KeyTransform {

    private static final long MIB = 1024L * 1024;
    private static final int ARGON2_MIN_SALT = 8;

    private KeyTransform() {}

    /**
     * Derives the transformed key.
     *
     * @param maxMemoryMiB the largest Argon2 memory this engine may allocate, in MiB
     * @throws KdbxException of kind RESOURCE_LIMIT when the parameters ask for more memory than allowed or than the
     *     Java heap has free, MALFORMED or UNSUPPORTED for invalid parameters
     */
    static byte[] transform(KdfParameters parameters, byte[] compositeKey, long maxMemoryMiB) throws KdbxException {
        return switch (parameters.algorithm()) {
            case AES_KDF -> aesKdf(parameters.dictionary(), compositeKey);
            case ARGON2D -> argon2(Argon2Parameters.ARGON2_d, parameters.dictionary(), compositeKey, maxMemoryMiB);
            case ARGON2ID -> argon2(Argon2Parameters.ARGON2_id, parameters.dictionary(), compositeKey, maxMemoryMiB);
        };
    }

    /** AES-KDF: encrypts both 16-byte halves of the key R times with AES-256-ECB keyed by S, then hashes them. */
    private static byte[] aesKdf(VariantDictionary dictionary, byte[] compositeKey) throws KdbxException {
        byte[] seed = dictionary.bytes("S");
        long rounds = dictionary.uint64("R");
        if (seed.length != 32) {
            throw KdbxException.malformed("the AES-KDF seed has " + seed.length + " bytes instead of 32");
        }
        byte[] block = compositeKey.clone();
        byte[] next = new byte[32];
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, "AES"));
            for (long i = 0; Long.compareUnsigned(i, rounds) < 0; i++) {
                cipher.update(block, 0, 32, next, 0);
                byte[] swap = block;
                block = next;
                next = swap;
            }
            return Bytes.sha256(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-ECB is missing from the Java runtime", e);
        } finally {
            Bytes.wipe(block, next, seed);
        }
    }

    private static byte[] argon2(int type, VariantDictionary dictionary, byte[] compositeKey, long maxMemoryMiB)
            throws KdbxException {
        byte[] salt = dictionary.bytes("S");
        long parallelism = dictionary.uint32("P");
        long memory = dictionary.uint64("M");
        long iterations = dictionary.uint64("I");
        long version = dictionary.uint32("V");
        byte[] secret = dictionary.optionalBytes("K");
        byte[] associatedData = dictionary.optionalBytes("A");

        checkMemory(memory, maxMemoryMiB);
        if (salt.length < ARGON2_MIN_SALT) {
            throw KdbxException.malformed("the Argon2 salt has " + salt.length + " bytes; at least 8 are needed");
        }
        if (parallelism < 1 || parallelism > (1 << 24) - 1) {
            throw KdbxException.malformed("Argon2 parallelism " + parallelism + " is outside 1 to 2^24 - 1");
        }
        if (memory / 1024 < 8 * parallelism) {
            throw KdbxException.malformed("Argon2 memory of " + memory + " bytes is below 8 KiB per lane");
        }
        if (iterations < 1 || iterations > Integer.MAX_VALUE) {
            throw KdbxException.malformed("Argon2 iterations " + Long.toUnsignedString(iterations)
                    + " are outside 1 to " + Integer.MAX_VALUE);
        }
        if (version != Argon2Parameters.ARGON2_VERSION_10 && version != Argon2Parameters.ARGON2_VERSION_13) {
            throw KdbxException.unsupported(
                    "Argon2 version 0x" + Long.toHexString(version) + " is not supported;" + " 0x10 and 0x13 are");
        }

        Argon2Parameters.Builder builder = new Argon2Parameters.Builder(type)
                .withVersion((int) version)
                .withSalt(salt)
                .withParallelism((int) parallelism)
                .withMemoryAsKB((int) (memory / 1024))
                .withIterations((int) iterations);
        if (secret != null) {
            builder.withSecret(secret);
        }
        if (associatedData != null) {
            builder.withAdditional(associatedData);
        }
        Argon2Parameters parameters = builder.build();
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(parameters);
            byte[] output = new byte[32];
            generator.generateBytes(compositeKey, output);
            return output;
        } catch (OutOfMemoryError e) {
            // The memory check above leaves room, but other work in the process may take the heap meanwhile.
            throw new KdbxException(
                    KdbxException.Kind.RESOURCE_LIMIT,
                    "Argon2 needs " + memory / MIB + " MiB and the Java heap ran out; raise the heap (-Xmx) or"
                            + " lower the database's KDF memory in KeePassXC");
        } finally {
            parameters.clear();
            Bytes.wipe(secret, associatedData);
        }
    }

    /**
     * Rejects Argon2 memory above the configured limit, or above what the Java heap can still allocate, before any
     * allocation: a file may name up to 2^64 bytes.
     */
    private static void checkMemory(long memoryBytes, long maxMemoryMiB) throws KdbxException {
        if (memoryBytes < 0 || memoryBytes / MIB > maxMemoryMiB || (memoryBytes / 1024) > Integer.MAX_VALUE) {
            throw new KdbxException(
                    KdbxException.Kind.RESOURCE_LIMIT,
                    "the database's KDF (Argon2) needs " + Long.toUnsignedString(memoryBytes / MIB)
                            + " MiB of memory, more than the limit kdf.max.memory.mib = " + maxMemoryMiB
                            + " MiB; raise that limit in the engine configuration or lower the KDF memory in"
                            + " KeePassXC");
        }
        Runtime runtime = Runtime.getRuntime();
        long available = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (memoryBytes > available) {
            System.gc();
            available = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        }
        if (memoryBytes > available) {
            throw new KdbxException(
                    KdbxException.Kind.RESOURCE_LIMIT,
                    "the database's KDF (Argon2) needs " + memoryBytes / MIB + " MiB of memory but the Java heap"
                            + " has only " + available / MIB + " MiB free; raise the heap (-Xmx)");
        }
    }
}
