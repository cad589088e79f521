package io.keyport.api.crypto;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Key derivation functions for storage engines: HKDF-SHA256 to derive keys from key material that is already
 * uniformly random, and Argon2id to derive keys from passphrases.
 *
 * <p>Every method returns a new array that the caller owns and should fill with zeros when done. No method retains
 * its inputs. Implementations are thread-safe.
 */
@ProviderType
public interface KeyDerivation {

    /** The maximum HKDF-SHA256 output length in bytes: 255 blocks of 32 bytes (RFC 5869 section 2.3). */
    int HKDF_SHA256_MAX_LENGTH = 255 * 32;

    /** The minimum Argon2 salt length in bytes, as the Argon2 reference implementation enforces. */
    int ARGON2_MIN_SALT_LENGTH = 8;

    /** The minimum Argon2 output length in bytes (RFC 9106 section 3.1). */
    int ARGON2_MIN_LENGTH = 4;

    /**
     * Derives key material with HKDF-SHA256 (RFC 5869), extract then expand.
     *
     * @param inputKeyMaterial the input key material (IKM), such as a Diffie-Hellman shared secret
     * @param salt the salt; empty means no salt, which RFC 5869 defines as 32 zero bytes
     * @param info the context and application specific information; may be empty
     * @param length the output length in bytes, from 1 to {@link #HKDF_SHA256_MAX_LENGTH}
     * @return the output key material
     * @throws IllegalArgumentException if {@code length} is out of range
     * @throws NullPointerException if an array is null
     */
    byte[] hkdfSha256(byte[] inputKeyMaterial, byte[] salt, byte[] info, int length);

    /**
     * Derives a key from a passphrase with Argon2id, version 0x13 (RFC 9106), without a secret key or associated
     * data. A call takes time and memory in proportion to {@code parameters}.
     *
     * @param password the passphrase bytes, such as its UTF-8 encoding; the caller keeps ownership and wipes them
     * @param salt the salt, at least {@link #ARGON2_MIN_SALT_LENGTH} bytes; RFC 9106 recommends 16 random bytes
     * @param parameters the memory, passes and lanes
     * @param length the output length in bytes, at least {@link #ARGON2_MIN_LENGTH}
     * @return the derived key
     * @throws IllegalArgumentException if {@code salt} is too short or {@code length} is too small
     * @throws NullPointerException if an argument is null
     */
    byte[] argon2id(byte[] password, byte[] salt, Argon2idParameters parameters, int length);
}
