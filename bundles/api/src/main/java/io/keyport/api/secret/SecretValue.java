package io.keyport.api.secret;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A secret in clear: its bytes and the content type from the Secret Service {@code Secret} struct, such as
 * {@code text/plain; charset=utf8}.
 *
 * <p>The instance owns one array of secret bytes and fills it with zeros on {@link #close()}. Use it in
 * try-with-resources so the clear bytes live no longer than the operation that needs them. Every accessor that
 * returns secret bytes returns a fresh copy that the caller then owns and must wipe. After {@code close()},
 * {@link #copyBytes()} and {@link #contentEquals(SecretValue)} throw {@link IllegalStateException}.
 *
 * <p>{@link #toString()} never includes the bytes or their length. {@link #equals(Object)} is identity, so a
 * secret is never compared by accident through a collection; compare contents with
 * {@link #contentEquals(SecretValue)}, which runs in time independent of the bytes.
 *
 * <p>Instances are thread-safe.
 */
public final class SecretValue implements AutoCloseable {

    private final byte[] bytes;

    private final String contentType;

    private boolean closed;

    private SecretValue(byte[] bytes, String contentType) {
        this.bytes = bytes;
        this.contentType = Objects.requireNonNull(contentType, "contentType");
    }

    /**
     * Creates a secret value from a copy of {@code bytes}. The caller keeps ownership of {@code bytes} and should wipe
     * it when done.
     *
     * @param bytes the secret, copied
     * @param contentType the content type, such as {@code text/plain; charset=utf8}; may be empty
     * @return a new open secret value
     * @throws NullPointerException if an argument is null
     */
    public static SecretValue copyOf(byte[] bytes, String contentType) {
        return new SecretValue(Objects.requireNonNull(bytes, "bytes").clone(), contentType);
    }

    /**
     * Creates a secret value that takes ownership of {@code bytes} without copying it. The caller must not read,
     * change or keep a reference to the array afterwards, because {@link #close()} fills it with zeros.
     *
     * @param bytes the secret, not copied
     * @param contentType the content type, such as {@code text/plain; charset=utf8}; may be empty
     * @return a new open secret value
     * @throws NullPointerException if an argument is null
     */
    public static SecretValue wrap(byte[] bytes, String contentType) {
        return new SecretValue(Objects.requireNonNull(bytes, "bytes"), contentType);
    }

    /**
     * Returns a copy of the secret bytes. The caller owns the copy and should fill it with zeros when done, for
     * example with {@code Arrays.fill(copy, (byte) 0)} in a {@code finally} block.
     *
     * @return a new array with the secret bytes
     * @throws IllegalStateException if this value is closed
     */
    public synchronized byte[] copyBytes() {
        checkOpen();
        return bytes.clone();
    }

    /**
     * Returns the number of secret bytes. The length stays readable after {@link #close()}.
     *
     * @return the length in bytes
     */
    public int length() {
        return bytes.length;
    }

    /**
     * Returns the content type, which is not secret and stays readable after {@link #close()}.
     *
     * @return the content type, possibly empty
     */
    public String contentType() {
        return contentType;
    }

    /**
     * Compares the secret bytes of this value and {@code other} in time that depends only on their lengths. Content
     * types are not compared.
     *
     * @param other another open secret value
     * @return whether both contain the same bytes
     * @throws IllegalStateException if either value is closed
     */
    public boolean contentEquals(SecretValue other) {
        byte[] otherBytes = other.copyBytes();
        try {
            synchronized (this) {
                checkOpen();
                return MessageDigest.isEqual(bytes, otherBytes);
            }
        } finally {
            Arrays.fill(otherBytes, (byte) 0);
        }
    }

    /**
     * Returns whether {@link #close()} has run.
     *
     * @return whether the secret bytes were wiped
     */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** Fills the secret bytes with zeros. Closing twice has no further effect. */
    @Override
    public synchronized void close() {
        Arrays.fill(bytes, (byte) 0);
        closed = true;
    }

    /** Returns the content type and a redaction marker, never the secret bytes or their length. */
    @Override
    public String toString() {
        return "SecretValue[contentType=" + contentType + ", bytes=<redacted>]";
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Secret value is closed and its bytes were wiped");
        }
    }
}
