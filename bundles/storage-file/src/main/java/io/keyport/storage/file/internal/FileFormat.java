package io.keyport.storage.file.internal;

import io.keyport.api.crypto.Aead;
import io.keyport.api.crypto.Argon2idParameters;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/** Constants and limits of the file store format, which docs/file-store-format.md describes field by field. */
final class FileFormat {

    /** The only format version this code reads and writes. */
    static final int VERSION = 1;

    static final byte[] COLLECTION_MAGIC = "KEYPORTC".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ATTRIBUTE_KEY_MAGIC = "KEYPORTA".getBytes(StandardCharsets.US_ASCII);

    static final String COLLECTION_SUFFIX = ".collection";
    static final String ATTRIBUTE_KEY_FILE = "attributes.key";
    static final String LOCK_FILE = "keyport.lock";
    static final String TEMPORARY_SUFFIX = ".tmp";

    static final int KEY_LENGTH = Aead.KEY_LENGTH;
    static final int UUID_LENGTH = 16;
    static final int SALT_LENGTH = 16;
    static final int KEY_CHECK_LENGTH = 16;
    static final int TAG_LENGTH = 32;
    static final int WRAPPED_KEY_LENGTH = KEY_LENGTH + Aead.OVERHEAD;

    /** Upper bound of the header length field, far above what version 1 writes, so reading it costs little. */
    static final int MAX_HEADER_LENGTH = 4096;

    /** Upper bound of one record, checked before the reader allocates its body. */
    static final int MAX_RECORD_LENGTH = 16 * 1024 * 1024;

    /**
     * The frame in front of every record: the 32-bit length of type and body, a CRC32C of that length field, and
     * a CRC32C of type and body. The separate length check distinguishes a damaged length from a torn append.
     */
    static final int FRAME_HEADER_LENGTH = 12;

    static final int MAX_ID_LENGTH = 128;
    static final int MAX_ATTRIBUTES = 1024;

    /*
     * Upper bounds on the Argon2id costs read from a file. A file can name any cost, so without them a
     * modified file could make unlock allocate many gigabytes or run for hours.
     */
    static final int MAX_ARGON2_MEMORY_KIB = 1024 * 1024;
    static final int MAX_ARGON2_ITERATIONS = 64;
    static final int MAX_ARGON2_PARALLELISM = 16;

    private static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9_]{1," + MAX_ID_LENGTH + "}");

    private FileFormat() {}

    static boolean isValidId(String id) {
        return id != null && ID_PATTERN.matcher(id).matches();
    }

    /** Checks costs against the upper bounds, returning why they are rejected or {@code null}. */
    static String checkArgon2Bounds(int memoryKiB, int iterations, int parallelism) {
        if (parallelism < 1 || parallelism > MAX_ARGON2_PARALLELISM) {
            return "Argon2id parallelism " + parallelism + " is outside 1.." + MAX_ARGON2_PARALLELISM;
        }
        if (iterations < 1 || iterations > MAX_ARGON2_ITERATIONS) {
            return "Argon2id iterations " + iterations + " is outside 1.." + MAX_ARGON2_ITERATIONS;
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_ARGON2_MEMORY_KIB) {
            return "Argon2id memory " + memoryKiB + " KiB is outside " + 8 * parallelism + ".." + MAX_ARGON2_MEMORY_KIB
                    + " KiB";
        }
        return null;
    }

    static Argon2idParameters checkedArgon2(int memoryKiB, int iterations, int parallelism) {
        String problem = checkArgon2Bounds(memoryKiB, iterations, parallelism);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new Argon2idParameters(memoryKiB, iterations, parallelism);
    }

    static int crc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
