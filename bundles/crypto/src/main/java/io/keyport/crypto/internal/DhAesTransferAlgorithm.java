package io.keyport.crypto.internal;

import io.keyport.api.crypto.InvalidTransferInputException;
import io.keyport.api.crypto.TransferAlgorithms;
import io.keyport.api.crypto.TransferSession;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service side of {@code dh-ietf1024-sha256-aes128-cbc-pkcs7}: Diffie-Hellman key agreement and HKDF-SHA256
 * derivation of the AES-128 session key.
 */
final class DhAesTransferAlgorithm implements TransferAlgorithm {

    /** RFC 2409 section 6.2, Second Oakley Group: the 1024-bit MODP prime. Its generator is 2. */
    static final BigInteger PRIME = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD"
                    + "3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899F"
                    + "A5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF",
            16);

    static final BigInteger GENERATOR = BigInteger.TWO;

    /** The length of public keys and shared secrets on the wire and as HKDF input: the prime's length in bytes. */
    static final int GROUP_LENGTH = 128;

    static final int KEY_LENGTH = 16;

    private static final BigInteger MAX_PUBLIC_VALUE = PRIME.subtract(BigInteger.TWO);

    private static final byte[] EMPTY = new byte[0];

    /** Bits of a private exponent. */
    static final int PRIVATE_EXPONENT_BITS = 256;

    private final SecureRandom random;
    private final AtomicReference<CompletableFuture<ServiceKeyPair>> prepared;

    DhAesTransferAlgorithm(SecureRandom random) {
        this.random = random;
        this.prepared = new AtomicReference<>(CompletableFuture.supplyAsync(this::newKeyPair));
    }

    @Override
    public String name() {
        return TransferAlgorithms.DH_IETF1024_SHA256_AES128_CBC_PKCS7;
    }

    @Override
    public TransferSession open(byte[] input) {
        BigInteger clientPublicKey = parseClientPublicKey(input);
        // Each key pair serves one session; the next one is computed while no client waits for it.
        ServiceKeyPair keyPair = prepared.getAndSet(CompletableFuture.supplyAsync(this::newKeyPair))
                .join();
        return open(clientPublicKey, keyPair.privateExponent(), keyPair.publicKey());
    }

    /**
     * Opens a session with a given private exponent, so tests can compare against vectors computed elsewhere.
     *
     * <p>NOTE: {@link BigInteger} is immutable, so the private exponent and the shared secret's integer form stay in
     * memory until collected. Only the byte arrays this class creates are wiped.
     */
    TransferSession open(byte[] input, BigInteger privateExponent) {
        return open(
                parseClientPublicKey(input), privateExponent, toGroupBytes(GENERATOR.modPow(privateExponent, PRIME)));
    }

    private TransferSession open(BigInteger clientPublicKey, BigInteger privateExponent, byte[] output) {
        byte[] sharedSecret = sharedSecret(clientPublicKey, privateExponent);
        try {
            return new AesCbcTransferSession(name(), output, deriveSessionKey(sharedSecret), random);
        } finally {
            Arrays.fill(sharedSecret, (byte) 0);
        }
    }

    /** Computes the shared secret Z = y^x mod p as exactly 128 bytes, keeping its leading zero bytes. */
    static byte[] sharedSecret(BigInteger clientPublicKey, BigInteger privateExponent) {
        return toGroupBytes(clientPublicKey.modPow(privateExponent, PRIME));
    }

    /** Derives the AES-128 key as HKDF-SHA256 of the 128-byte shared secret, with no salt and empty info. */
    static byte[] deriveSessionKey(byte[] sharedSecret) {
        return HkdfSha256.derive(sharedSecret, EMPTY, EMPTY, KEY_LENGTH);
    }

    /**
     * Draws a {@value #PRIVATE_EXPONENT_BITS}-bit private exponent of at least 2. The 1024-bit group gives about
     * 80 bits of security, and an exponent with far more than twice that many bits keeps it, while a full-size
     * exponent makes each exponentiation about four times slower.
     */
    private BigInteger randomPrivateExponent() {
        BigInteger exponent;
        do {
            exponent = new BigInteger(PRIVATE_EXPONENT_BITS, random);
        } while (exponent.compareTo(BigInteger.TWO) < 0);
        return exponent;
    }

    private ServiceKeyPair newKeyPair() {
        BigInteger exponent = randomPrivateExponent();
        return new ServiceKeyPair(exponent, toGroupBytes(GENERATOR.modPow(exponent, PRIME)));
    }

    /** A service key pair computed ahead of the session that uses it. */
    private record ServiceKeyPair(BigInteger privateExponent, byte[] publicKey) {}

    /**
     * Parses the client's unsigned big-endian public key. Clients send it either minimal, so shorter than 128 bytes
     * when its top byte is zero, or as a signed encoding with a leading zero byte when its top bit is set.
     */
    private static BigInteger parseClientPublicKey(byte[] input) {
        if (input.length > GROUP_LENGTH + 1 || (input.length == GROUP_LENGTH + 1 && input[0] != 0)) {
            throw new InvalidTransferInputException("Client public key must be at most " + GROUP_LENGTH
                    + " bytes, or " + (GROUP_LENGTH + 1) + " bytes with a leading zero byte, but has " + input.length
                    + " bytes");
        }

        BigInteger publicKey = new BigInteger(1, input);
        // Rejects 0, 1 and p - 1, whose powers reveal the shared secret, and values that are not reduced mod p.
        if (publicKey.compareTo(BigInteger.TWO) < 0 || publicKey.compareTo(MAX_PUBLIC_VALUE) > 0) {
            throw new InvalidTransferInputException("Client public key must lie in [2, p - 2] for the RFC 2409 "
                    + "Second Oakley Group prime p, but is outside that range");
        }
        return publicKey;
    }

    /** Encodes a group element as exactly 128 unsigned big-endian bytes, left-padded with zeros. */
    static byte[] toGroupBytes(BigInteger value) {
        byte[] signed = value.toByteArray();
        try {
            // The value is below p < 2^1024, so at most a leading zero sign byte is dropped.
            int length = Math.min(signed.length, GROUP_LENGTH);
            byte[] fixed = new byte[GROUP_LENGTH];
            System.arraycopy(signed, signed.length - length, fixed, GROUP_LENGTH - length, length);
            return fixed;
        } finally {
            Arrays.fill(signed, (byte) 0);
        }
    }
}
