package io.keyport.storage.kdbx.internal;

/**
 * A KDBX file could not be read or written. The kind separates a wrong key, a damaged file, an unsupported feature
 * and a resource limit, because each needs a different answer from the user. Messages name format
 * fields and numbers, never key material, labels or field values.
 */
final class KdbxException extends Exception {

    private static final long serialVersionUID = 1L;

    enum Kind {
        /** The composite key does not open the file. */
        WRONG_KEY,
        /** The bytes do not follow the format: truncated, damaged or not a KDBX file. */
        MALFORMED,
        /** A valid file that uses something this engine does not implement, such as a newer major version. */
        UNSUPPORTED,
        /** The file requires more memory than the configured limit allows. */
        RESOURCE_LIMIT
    }

    private final Kind kind;

    KdbxException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    KdbxException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    static KdbxException malformed(String message) {
        return new KdbxException(Kind.MALFORMED, message);
    }

    static KdbxException unsupported(String message) {
        return new KdbxException(Kind.UNSUPPORTED, message);
    }

    Kind kind() {
        return kind;
    }
}
