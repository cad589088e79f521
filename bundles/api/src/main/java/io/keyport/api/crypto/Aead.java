package io.keyport.api.crypto;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Authenticated encryption with AES-256-GCM for storage engines.
 *
 * <p>{@link #encrypt} draws a fresh random 12-byte nonce for every call and returns it in front of the ciphertext,
 * so callers never manage nonces. The sealed form is {@code nonce (12 bytes) || ciphertext || tag (16 bytes)}, and
 * its length is the plaintext length plus {@link #OVERHEAD}. NIST SP 800-38D section 8.3 allows at most 2^32
 * encryptions with random nonces under one key, so a caller that may encrypt more often must change the key first.
 *
 * <p>Every method returns a new array that the caller owns. No method retains its inputs. Implementations are
 * thread-safe.
 */
@ProviderType
public interface Aead {

    /** The key length in bytes. */
    int KEY_LENGTH = 32;

    /** The nonce length in bytes. */
    int NONCE_LENGTH = 12;

    /** The authentication tag length in bytes. */
    int TAG_LENGTH = 16;

    /** The number of bytes that sealing adds to a plaintext: the nonce and the tag. */
    int OVERHEAD = NONCE_LENGTH + TAG_LENGTH;

    /**
     * Encrypts and authenticates {@code plaintext}, and authenticates {@code associatedData} without encrypting it.
     *
     * @param key the {@link #KEY_LENGTH}-byte key
     * @param plaintext the data to encrypt; may be empty
     * @param associatedData data to authenticate only, such as a file header; may be empty
     * @return {@code nonce || ciphertext || tag}
     * @throws IllegalArgumentException if {@code key} is not {@link #KEY_LENGTH} bytes long
     * @throws NullPointerException if an argument is null
     */
    byte[] encrypt(byte[] key, byte[] plaintext, byte[] associatedData);

    /**
     * Verifies and decrypts the output of {@link #encrypt}. No plaintext is returned unless the tag verifies.
     *
     * @param key the {@link #KEY_LENGTH}-byte key
     * @param sealed {@code nonce || ciphertext || tag}
     * @param associatedData the associated data given to {@link #encrypt}
     * @return the plaintext, which the caller should wipe when done
     * @throws InvalidCiphertextException if {@code sealed} is shorter than {@link #OVERHEAD} or the tag does not
     *     verify, because the key is wrong or the data was modified
     * @throws IllegalArgumentException if {@code key} is not {@link #KEY_LENGTH} bytes long
     * @throws NullPointerException if an argument is null
     */
    byte[] decrypt(byte[] key, byte[] sealed, byte[] associatedData);
}
