package io.keyport.api.crypto;

import io.keyport.api.secret.SecretValue;
import java.util.Arrays;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One client's Secret Service session: the negotiated algorithm and, for encrypting algorithms, the session key.
 * Every secret sent to the client goes through {@link #encrypt(SecretValue)} and every secret received from it
 * through {@link #decrypt(byte[], byte[], String)}.
 *
 * <p>{@link #close()} wipes the session key. Afterwards {@link #encrypt(SecretValue)} and
 * {@link #decrypt(byte[], byte[], String)} throw {@link IllegalStateException}.
 *
 * <p>Implementations are thread-safe.
 */
@ProviderType
public interface TransferSession extends AutoCloseable {

    /**
     * Returns the algorithm name that the session was opened with.
     *
     * @return one of the names in {@link TransferAlgorithms#algorithms()}
     */
    String algorithm();

    /**
     * Returns the output of {@code OpenSession} for the client: empty for {@link TransferAlgorithms#PLAIN}, and the
     * service's 128-byte public key, unsigned big-endian and left-padded with zeros, for
     * {@link TransferAlgorithms#DH_IETF1024_SHA256_AES128_CBC_PKCS7}.
     *
     * @return a new copy of the output bytes
     */
    byte[] output();

    /**
     * Encrypts a secret for sending to the client. Each call with an encrypting algorithm uses a fresh random IV.
     *
     * @param secret an open secret value, which stays open and owned by the caller
     * @return the parameters, value and content type for the {@code Secret} struct
     * @throws IllegalStateException if this session or {@code secret} is closed
     */
    EncryptedSecret encrypt(SecretValue secret);

    /**
     * Decrypts a secret received from the client in a {@code Secret} struct.
     *
     * @param parameters the struct's parameters: empty for {@link TransferAlgorithms#PLAIN}, the 16-byte IV for
     *     {@link TransferAlgorithms#DH_IETF1024_SHA256_AES128_CBC_PKCS7}
     * @param value the struct's value, not retained
     * @param contentType the struct's content type
     * @return a new open secret value that the caller owns and must close
     * @throws InvalidSecretEncodingException if the parameters, the ciphertext length or the padding is invalid,
     *     which the exporter reports as {@code org.freedesktop.DBus.Error.InvalidArgs}
     * @throws IllegalStateException if this session is closed
     * @throws NullPointerException if an argument is null
     */
    SecretValue decrypt(byte[] parameters, byte[] value, String contentType);

    /**
     * Decrypts a secret from an {@link EncryptedSecret}, as {@link #decrypt(byte[], byte[], String)} does.
     *
     * @param secret the encrypted secret, which stays owned by the caller
     * @return a new open secret value that the caller owns and must close
     * @throws InvalidSecretEncodingException if the parameters, the ciphertext length or the padding is invalid
     * @throws IllegalStateException if this session or {@code secret} is closed
     */
    default SecretValue decrypt(EncryptedSecret secret) {
        byte[] value = secret.value();
        try {
            return decrypt(secret.parameters(), value, secret.contentType());
        } finally {
            Arrays.fill(value, (byte) 0);
        }
    }

    /** Destroys the session key. Closing twice has no further effect. */
    @Override
    void close();
}
