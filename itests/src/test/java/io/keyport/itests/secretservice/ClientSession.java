package io.keyport.itests.secretservice;

import io.keyport.itests.secretservice.SecretServiceProxies.OutPair;
import io.keyport.itests.secretservice.SecretServiceProxies.SecretStruct;
import io.keyport.itests.secretservice.SecretServiceProxies.ServiceProxy;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;

/**
 * The client side of a Secret Service session, written with the JDK alone: it opens the session and
 * encodes and decodes Secret structs for it.
 *
 * <p>For {@code dh-ietf1024-sha256-aes128-cbc-pkcs7} it follows the specification: Diffie-Hellman in the
 * 1024-bit MODP group of RFC 2409 section 6.2 with generator 2, public keys as 128 unsigned big-endian
 * bytes, the shared secret left-padded to 128 bytes, HKDF-SHA256 (RFC 5869) with no salt and empty info
 * for a 16-byte key, and AES-128-CBC with PKCS#7 padding and a random IV per secret.
 */
final class ClientSession {

    static final String PLAIN = "plain";
    static final String DH = "dh-ietf1024-sha256-aes128-cbc-pkcs7";

    /** RFC 2409 section 6.2, the Second Oakley Group: the 1024-bit MODP prime. */
    static final BigInteger PRIME = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD"
                    + "3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899F"
                    + "A5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF",
            16);

    static final BigInteger GENERATOR = BigInteger.TWO;

    /** Width of public keys and of the shared secret: the prime's length in bytes. */
    static final int GROUP_BYTES = 128;

    static final int IV_BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String algorithm;
    private final DBusPath path;
    private final byte[] key;

    private ClientSession(String algorithm, DBusPath path, byte[] key) {
        this.algorithm = algorithm;
        this.path = path;
        this.key = key;
    }

    /** Opens a session with {@code algorithm}, {@link #PLAIN} or {@link #DH}, through {@code service}. */
    static ClientSession open(ServiceProxy service, String algorithm) {
        if (PLAIN.equals(algorithm)) {
            OutPair<Variant<?>, DBusPath> reply = service.OpenSession(PLAIN, new Variant<>(""));
            return new ClientSession(PLAIN, reply.second(), null);
        }
        return openDh(service, KeyPair.generate());
    }

    /** Opens a DH session with a given key pair, sending its public key encoded as {@code encodedPublicKey}. */
    static ClientSession openDh(ServiceProxy service, KeyPair keys, byte[] encodedPublicKey) {
        OutPair<Variant<?>, DBusPath> reply = service.OpenSession(DH, new Variant<>(encodedPublicKey, "ay"));
        byte[] servicePublicKey = bytesOf(reply.first());
        return new ClientSession(DH, reply.second(), deriveKey(keys.agree(servicePublicKey)));
    }

    /** Opens a DH session with a given key pair, sending its public key as 128 bytes. */
    static ClientSession openDh(ServiceProxy service, KeyPair keys) {
        return openDh(service, keys, keys.publicKeyBytes());
    }

    String algorithm() {
        return algorithm;
    }

    DBusPath path() {
        return path;
    }

    /** Encodes {@code value} for this session, with a fresh IV for DH. */
    SecretStruct encode(byte[] value, String contentType) {
        if (key == null) {
            return new SecretStruct(path, new byte[0], value.clone(), contentType);
        }
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        return new SecretStruct(path, iv, crypt(Cipher.ENCRYPT_MODE, "AES/CBC/PKCS5Padding", iv, value), contentType);
    }

    /**
     * Encrypts {@code blocks}, whose length must be a multiple of 16, without adding padding: the tests
     * build ciphertexts with invalid padding this way.
     */
    byte[] encryptWithoutPadding(byte[] iv, byte[] blocks) {
        return crypt(Cipher.ENCRYPT_MODE, "AES/CBC/NoPadding", iv, blocks);
    }

    /** Decodes a Secret struct that the service sent for this session. */
    byte[] decode(SecretStruct secret) {
        if (key == null) {
            return secret.getValue();
        }
        return crypt(Cipher.DECRYPT_MODE, "AES/CBC/PKCS5Padding", secret.getAlgorithmParameters(), secret.getValue());
    }

    private byte[] crypt(int mode, String transformation, byte[] iv, byte[] input) {
        try {
            // PKCS5Padding in the JDK pads to the cipher's 16-byte block, which is PKCS#7 for AES.
            Cipher cipher = Cipher.getInstance(transformation);
            cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(transformation + " failed for the session key of " + path, e);
        }
    }

    /** Derives the AES-128 key: HKDF-SHA256 with a salt of 32 zero bytes (no salt) and empty info. */
    static byte[] deriveKey(byte[] sharedSecret) {
        try {
            Mac extract = Mac.getInstance("HmacSHA256");
            extract.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
            byte[] pseudoRandomKey = extract.doFinal(sharedSecret);
            Mac expand = Mac.getInstance("HmacSHA256");
            expand.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
            return Arrays.copyOf(expand.doFinal(new byte[] {1}), 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HKDF-SHA256 failed", e);
        }
    }

    /** Reads an {@code ay} variant, which dbus-java hands over as an array or as a list of bytes. */
    static byte[] bytesOf(Variant<?> variant) {
        Object value = variant.getValue();
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        List<?> list = value instanceof Object[] array ? Arrays.asList(array) : (List<?>) value;
        byte[] bytes = new byte[list.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (Byte) list.get(i);
        }
        return bytes;
    }

    /** Encodes {@code value}, below the prime, as exactly 128 unsigned big-endian bytes. */
    static byte[] toGroupBytes(BigInteger value) {
        byte[] signed = value.toByteArray();
        int length = Math.min(signed.length, GROUP_BYTES);
        byte[] fixed = new byte[GROUP_BYTES];
        System.arraycopy(signed, signed.length - length, fixed, GROUP_BYTES - length, length);
        return fixed;
    }

    /** A client's Diffie-Hellman key pair in the RFC 2409 1024-bit group. */
    record KeyPair(BigInteger privateExponent, BigInteger publicKey) {

        static KeyPair generate() {
            BigInteger exponent = new BigInteger(PRIME.bitLength() - 1, RANDOM).add(BigInteger.TWO);
            return new KeyPair(exponent, GENERATOR.modPow(exponent, PRIME));
        }

        /** Generates key pairs until one's 128-byte public key meets {@code condition}, for edge cases. */
        static KeyPair generateWhere(Predicate<byte[]> condition) {
            while (true) {
                KeyPair candidate = generate();
                if (condition.test(candidate.publicKeyBytes())) {
                    return candidate;
                }
            }
        }

        byte[] publicKeyBytes() {
            return toGroupBytes(publicKey);
        }

        /** Returns the shared secret with the service's public key, left-padded to 128 bytes. */
        byte[] agree(byte[] servicePublicKey) {
            return toGroupBytes(new BigInteger(1, servicePublicKey).modPow(privateExponent, PRIME));
        }
    }
}
