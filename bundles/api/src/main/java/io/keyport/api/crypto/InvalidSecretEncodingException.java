package io.keyport.api.crypto;

/**
 * Thrown when {@link TransferSession#decrypt} receives a {@code Secret} struct that it cannot decode: parameters of
 * the wrong length, a ciphertext whose length is not a positive multiple of the block size, or invalid padding after
 * decryption. Invalid padding usually means that the client encrypted with a different key. The exporter reports it
 * as {@code org.freedesktop.DBus.Error.InvalidArgs}.
 *
 * <p>The message states which rule the struct broke and never contains the key, the IV, the ciphertext or any
 * decrypted bytes. Every kind of invalid padding produces the same message.
 */
public class InvalidSecretEncodingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the rule that the struct broke, without key, parameter or value bytes
     */
    public InvalidSecretEncodingException(String message) {
        super(message);
    }
}
