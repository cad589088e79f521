package io.keyport.crypto.internal;

import io.keyport.api.crypto.EncryptedSecret;
import io.keyport.api.crypto.InvalidSecretEncodingException;
import io.keyport.api.crypto.TransferSession;
import io.keyport.api.secret.SecretValue;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** A session that encrypts secrets with AES-128-CBC and PKCS#7 padding under its negotiated key. */
final class AesCbcTransferSession implements TransferSession {

    static final int IV_LENGTH = 16;

    private final String algorithm;

    private final byte[] output;

    private final byte[] key;

    private final SecureRandom random;

    private boolean closed;

    /** Creates a session that takes ownership of {@code key} and wipes it on {@link #close()}. */
    AesCbcTransferSession(String algorithm, byte[] output, byte[] key, SecureRandom random) {
        this.algorithm = algorithm;
        this.output = output;
        this.key = key;
        this.random = random;
    }

    @Override
    public String algorithm() {
        return algorithm;
    }

    @Override
    public byte[] output() {
        return output.clone();
    }

    @Override
    public EncryptedSecret encrypt(SecretValue secret) {
        byte[] iv = new byte[IV_LENGTH];
        random.nextBytes(iv);
        return encrypt(secret, iv);
    }

    /** Encrypts with a given IV, so tests can compare against vectors computed elsewhere. */
    EncryptedSecret encrypt(SecretValue secret, byte[] iv) {
        checkOpen();
        byte[] plaintext = secret.copyBytes();
        byte[] padded = Pkcs7Padding.pad(plaintext);
        try {
            byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, iv, padded);
            return new EncryptedSecret(iv, ciphertext, secret.contentType());
        } finally {
            Arrays.fill(plaintext, (byte) 0);
            Arrays.fill(padded, (byte) 0);
        }
    }

    @Override
    public SecretValue decrypt(byte[] parameters, byte[] value, String contentType) {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(contentType, "contentType");
        checkOpen();

        if (parameters.length != IV_LENGTH) {
            throw new InvalidSecretEncodingException("AES-128-CBC secret parameters must be a " + IV_LENGTH
                    + "-byte IV, but have " + parameters.length + " bytes");
        }
        if (value.length == 0 || value.length % Pkcs7Padding.BLOCK_SIZE != 0) {
            throw new InvalidSecretEncodingException("AES-128-CBC ciphertext length must be a positive multiple of "
                    + Pkcs7Padding.BLOCK_SIZE + " bytes, but is " + value.length + " bytes");
        }

        byte[] padded = crypt(Cipher.DECRYPT_MODE, parameters, value);
        try {
            int length = Pkcs7Padding.unpaddedLength(padded);
            return SecretValue.wrap(Arrays.copyOf(padded, length), contentType);
        } finally {
            Arrays.fill(padded, (byte) 0);
        }
    }

    /** Fills the session key with zeros. */
    @Override
    public synchronized void close() {
        Arrays.fill(key, (byte) 0);
        closed = true;
    }

    /** Runs AES-128-CBC without padding, because this class pads and checks padding itself. */
    private byte[] crypt(int mode, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(mode, keySpec(), new IvParameterSpec(iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CBC failed in the Java cryptography provider", e);
        }
    }

    /**
     * Returns a key object for one operation.
     *
     * <p>NOTE: {@link SecretKeySpec} copies the key and cannot be destroyed in Java 17, and the provider keeps an
     * expanded key schedule. Those copies stay in memory until collected, so {@link #close()} wipes only this
     * session's own array.
     */
    private synchronized SecretKeySpec keySpec() {
        checkOpen();
        return new SecretKeySpec(key, "AES");
    }

    private synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Transfer session is closed");
        }
    }
}
