package io.keyport.api.crypto;

/**
 * Thrown when {@link Aead#decrypt} cannot authenticate its input: the input is shorter than a nonce and a tag, or the
 * tag does not verify under the key and associated data. The cause is either a wrong key, such as one derived from a
 * wrong passphrase, or modified data, and the two cannot be distinguished.
 *
 * <p>The message never contains the key, the input or any decrypted bytes.
 */
public class InvalidCiphertextException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, without key or data bytes
     */
    public InvalidCiphertextException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the underlying provider exception.
     *
     * @param message what failed, without key or data bytes
     * @param cause the provider exception, such as {@code javax.crypto.AEADBadTagException}
     */
    public InvalidCiphertextException(String message, Throwable cause) {
        super(message, cause);
    }
}
