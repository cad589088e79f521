package io.keyport.storage.kdbx.internal;

import java.security.GeneralSecurityException;
import java.util.UUID;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.BufferedBlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.TwofishEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/** The payload ciphers named by the header's CipherID, each with a 256-bit key. */
enum OuterCipher {
    AES256("31c1f2e6-bf71-4350-be58-05216afc5aff", "AES-256-CBC", 16),
    TWOFISH("ad68f29f-576f-4bb9-a36a-d47af965346c", "Twofish-256-CBC", 16),
    /** RFC 7539 ChaCha20 with a 96-bit nonce and the block counter starting at 0. */
    CHACHA20("d6038a2b-8b6f-4cb5-a524-339a31dbb59a", "ChaCha20", 12);

    private final UUID id;
    private final String displayName;
    private final int ivLength;

    OuterCipher(String id, String displayName, int ivLength) {
        this.id = UUID.fromString(id);
        this.displayName = displayName;
        this.ivLength = ivLength;
    }

    static OuterCipher of(UUID id) throws KdbxException {
        for (OuterCipher cipher : values()) {
            if (cipher.id.equals(id)) {
                return cipher;
            }
        }
        throw KdbxException.unsupported(
                "cipher " + id + " is not supported; this engine knows AES-256, Twofish and ChaCha20");
    }

    int ivLength() {
        return ivLength;
    }

    /**
     * Decrypts a payload.
     *
     * @throws KdbxException of kind MALFORMED when the padding is invalid; in KDBX 3.x that usually means a wrong
     *     key, and the caller decides
     */
    byte[] decrypt(byte[] key, byte[] iv, byte[] data) throws KdbxException {
        checkIv(iv);
        return run(false, key, iv, data);
    }

    byte[] encrypt(byte[] key, byte[] iv, byte[] data) throws KdbxException {
        checkIv(iv);
        return run(true, key, iv, data);
    }

    private byte[] run(boolean encrypt, byte[] key, byte[] iv, byte[] data) throws KdbxException {
        if (this == TWOFISH) {
            return twofish(encrypt, key, iv, data);
        }
        try {
            Cipher cipher;
            int mode = encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
            if (this == AES256) {
                cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
                cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            } else {
                cipher = Cipher.getInstance("ChaCha20");
                cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new ChaCha20ParameterSpec(iv, 0));
            }
            return cipher.doFinal(data);
        } catch (BadPaddingException e) {
            throw KdbxException.malformed("the " + displayName + " payload has invalid padding");
        } catch (javax.crypto.IllegalBlockSizeException e) {
            throw KdbxException.malformed("the " + displayName + " payload is not a whole number of blocks");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(displayName + " is missing from the Java runtime", e);
        }
    }

    private byte[] twofish(boolean encrypt, byte[] key, byte[] iv, byte[] data) throws KdbxException {
        BufferedBlockCipher cipher =
                new PaddedBufferedBlockCipher(CBCBlockCipher.newInstance(new TwofishEngine()), new PKCS7Padding());
        cipher.init(encrypt, new ParametersWithIV(new KeyParameter(key), iv));
        byte[] output = new byte[cipher.getOutputSize(data.length)];
        try {
            int length = cipher.processBytes(data, 0, data.length, output, 0);
            length += cipher.doFinal(output, length);
            return length == output.length ? output : java.util.Arrays.copyOf(output, length);
        } catch (InvalidCipherTextException | org.bouncycastle.crypto.DataLengthException e) {
            throw KdbxException.malformed("the " + displayName + " payload has invalid padding");
        }
    }

    private void checkIv(byte[] iv) throws KdbxException {
        if (iv.length != ivLength) {
            throw KdbxException.malformed(
                    "the encryption IV has " + iv.length + " bytes; " + displayName + " needs " + ivLength);
        }
    }

    @Override
    public String toString() {
        return displayName;
    }
}
