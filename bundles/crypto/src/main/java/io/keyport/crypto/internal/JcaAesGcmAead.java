package io.keyport.crypto.internal;

import io.keyport.api.crypto.Aead;
import io.keyport.api.crypto.InvalidCiphertextException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.osgi.service.component.annotations.Component;

/** AES-256-GCM on the Java runtime's cryptography provider. */
@Component(service = Aead.class)
public final class JcaAesGcmAead implements Aead {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecureRandom random;

    /** Creates the service with the platform's default {@link SecureRandom}. */
    public JcaAesGcmAead() {
        this(new SecureRandom());
    }

    JcaAesGcmAead(SecureRandom random) {
        this.random = random;
    }

    @Override
    public byte[] encrypt(byte[] key, byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        return encrypt(key, plaintext, associatedData, nonce);
    }

    /** Encrypts with a given nonce, so tests can compare against vectors computed elsewhere. */
    byte[] encrypt(byte[] key, byte[] plaintext, byte[] associatedData, byte[] nonce) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(associatedData, "associatedData");
        SecretKeySpec keySpec = keySpec(key);

        byte[] sealed = new byte[NONCE_LENGTH + plaintext.length + TAG_LENGTH];
        System.arraycopy(nonce, 0, sealed, 0, NONCE_LENGTH);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keySpec, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(associatedData);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, NONCE_LENGTH);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM encryption failed in the Java cryptography provider", e);
        }
    }

    @Override
    public byte[] decrypt(byte[] key, byte[] sealed, byte[] associatedData) {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(associatedData, "associatedData");
        SecretKeySpec keySpec = keySpec(key);
        if (sealed.length < OVERHEAD) {
            throw new InvalidCiphertextException("AES-256-GCM input must be at least " + OVERHEAD
                    + " bytes (nonce and tag), but has " + sealed.length + " bytes");
        }

        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, keySpec, new GCMParameterSpec(TAG_LENGTH * 8, sealed, 0, NONCE_LENGTH));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, NONCE_LENGTH, sealed.length - NONCE_LENGTH);
        } catch (AEADBadTagException e) {
            throw new InvalidCiphertextException(
                    "AES-256-GCM tag does not verify, so the key is wrong or the data was modified", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM decryption failed in the Java cryptography provider", e);
        }
    }

    /**
     * Checks the key length and wraps the key for one operation.
     *
     * <p>NOTE: {@link SecretKeySpec} copies the key and cannot be destroyed in Java 17, so that copy stays in memory
     * until collected.
     */
    private static SecretKeySpec keySpec(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "AES-256-GCM key must be " + KEY_LENGTH + " bytes but is " + key.length + " bytes");
        }
        return new SecretKeySpec(key, "AES");
    }
}
