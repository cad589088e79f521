package io.keyport.api.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * The encoded form of a secret in a Secret Service {@code Secret} struct: the algorithm parameters, the value and
 * the content type, as {@link TransferSession#encrypt} produces them.
 *
 * <p>With {@link TransferAlgorithms#PLAIN} the value is the secret itself, so this class treats the value as secret
 * in every case: accessors return copies, {@link #close()} fills the value with zeros, and {@link #toString()} never
 * includes it. After {@code close()}, {@link #value()} throws {@link IllegalStateException}.
 *
 * <p>Instances are thread-safe.
 */
public final class EncryptedSecret implements AutoCloseable {

    private final byte[] parameters;

    private final byte[] value;

    private final String contentType;

    private boolean closed;

    /**
     * Creates an encrypted secret from copies of the given arrays. The caller keeps ownership of the arrays.
     *
     * @param parameters the algorithm parameters, such as the IV; empty for {@link TransferAlgorithms#PLAIN}
     * @param value the encoded value: the ciphertext, or the secret itself for {@link TransferAlgorithms#PLAIN}
     * @param contentType the content type of the secret, sent in clear
     * @throws NullPointerException if an argument is null
     */
    public EncryptedSecret(byte[] parameters, byte[] value, String contentType) {
        this.parameters = Objects.requireNonNull(parameters, "parameters").clone();
        this.value = Objects.requireNonNull(value, "value").clone();
        this.contentType = Objects.requireNonNull(contentType, "contentType");
    }

    /**
     * Returns a copy of the algorithm parameters, which are not secret.
     *
     * @return a new array with the parameters
     */
    public byte[] parameters() {
        return parameters.clone();
    }

    /**
     * Returns a copy of the encoded value. The caller owns the copy, and must wipe it when the algorithm is
     * {@link TransferAlgorithms#PLAIN} because it is then the secret in clear.
     *
     * @return a new array with the value
     * @throws IllegalStateException if this instance is closed
     */
    public synchronized byte[] value() {
        if (closed) {
            throw new IllegalStateException("Encrypted secret is closed and its value was wiped");
        }
        return value.clone();
    }

    /**
     * Returns the content type, which is sent in clear.
     *
     * @return the content type, possibly empty
     */
    public String contentType() {
        return contentType;
    }

    /** Fills the value with zeros. Closing twice has no further effect. */
    @Override
    public synchronized void close() {
        Arrays.fill(value, (byte) 0);
        closed = true;
    }

    /** Returns the content type and a redaction marker, never the parameters or the value. */
    @Override
    public String toString() {
        return "EncryptedSecret[contentType=" + contentType + ", value=<redacted>]";
    }
}
