package io.keyport.crypto.internal;

import static io.keyport.crypto.internal.DhAesTestVectors.CLIENT_A_BAD_PADDING_CIPHERTEXTS;
import static io.keyport.crypto.internal.DhAesTestVectors.CLIENT_A_EMPTY_CIPHERTEXT;
import static io.keyport.crypto.internal.DhAesTestVectors.CLIENT_A_KEY;
import static io.keyport.crypto.internal.DhAesTestVectors.CLIENT_A_ONE_BLOCK_CIPHERTEXT;
import static io.keyport.crypto.internal.DhAesTestVectors.CLIENT_A_PASSWORD_CIPHERTEXT;
import static io.keyport.crypto.internal.DhAesTestVectors.IV;
import static io.keyport.crypto.internal.DhAesTestVectors.PASSWORD;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

import io.keyport.api.crypto.EncryptedSecret;
import io.keyport.api.crypto.InvalidSecretEncodingException;
import io.keyport.api.secret.SecretValue;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.After;
import org.junit.Test;

public class AesCbcTransferSessionTest {

    private final AesCbcTransferSession session = new AesCbcTransferSession(
            "dh-ietf1024-sha256-aes128-cbc-pkcs7", new byte[128], CLIENT_A_KEY.clone(), new SecureRandom());

    @After
    public void closeSession() {
        session.close();
    }

    @Test
    public void emptySecretEncryptsToPaddingBlock() throws Exception {
        try (SecretValue empty = SecretValue.copyOf(new byte[0], "text/plain");
                EncryptedSecret encrypted = session.encrypt(empty, IV)) {
            byte[] ciphertext = encrypted.value();
            assertArrayEquals(CLIENT_A_EMPTY_CIPHERTEXT, ciphertext);

            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(CLIENT_A_KEY, "AES"), new IvParameterSpec(IV));
            byte[] paddingBlock = new byte[16];
            Arrays.fill(paddingBlock, (byte) 0x10);
            assertArrayEquals(paddingBlock, cipher.doFinal(ciphertext));
        }
    }

    @Test
    public void emptySecretRoundTrip() {
        try (SecretValue secret = session.decrypt(IV, CLIENT_A_EMPTY_CIPHERTEXT, "text/plain")) {
            assertEquals(0, secret.copyBytes().length);
        }
    }

    @Test
    public void fullBlockGetsExtraPaddingBlock() {
        byte[] block = "0123456789abcdef".getBytes(UTF_8);
        try (SecretValue secret = SecretValue.copyOf(block, "text/plain");
                EncryptedSecret encrypted = session.encrypt(secret, IV);
                SecretValue decrypted = session.decrypt(IV, CLIENT_A_ONE_BLOCK_CIPHERTEXT, "text/plain")) {
            assertArrayEquals(CLIENT_A_ONE_BLOCK_CIPHERTEXT, encrypted.value());
            assertArrayEquals(block, decrypted.copyBytes());
        }
    }

    @Test
    public void roundTripKeepsBytesAndContentType() {
        byte[] bytes = new byte[100];
        new SecureRandom().nextBytes(bytes);
        try (SecretValue secret = SecretValue.copyOf(bytes, "application/octet-stream");
                EncryptedSecret encrypted = session.encrypt(secret);
                SecretValue decrypted = session.decrypt(encrypted)) {
            assertEquals(112, encrypted.value().length);
            assertArrayEquals(bytes, decrypted.copyBytes());
            assertEquals("application/octet-stream", decrypted.contentType());
        }
    }

    @Test
    public void wrongIvLengthsRejected() {
        for (int length : new int[] {0, 8, 15, 17, 32}) {
            byte[] iv = new byte[length];
            InvalidSecretEncodingException e = assertThrows(
                    "IV of " + length + " bytes",
                    InvalidSecretEncodingException.class,
                    () -> session.decrypt(iv, CLIENT_A_PASSWORD_CIPHERTEXT, "text/plain"));
            assertEquals(
                    "AES-128-CBC secret parameters must be a 16-byte IV, but have " + length + " bytes",
                    e.getMessage());
        }
    }

    @Test
    public void badCiphertextLengthsRejected() {
        for (int length : new int[] {0, 1, 15, 17, 31}) {
            byte[] ciphertext = Arrays.copyOf(CLIENT_A_PASSWORD_CIPHERTEXT, length);
            InvalidSecretEncodingException e = assertThrows(
                    "ciphertext of " + length + " bytes",
                    InvalidSecretEncodingException.class,
                    () -> session.decrypt(IV, ciphertext, "text/plain"));
            assertEquals(
                    "AES-128-CBC ciphertext length must be a positive multiple of 16 bytes, but is " + length
                            + " bytes",
                    e.getMessage());
        }
    }

    /** Dropping the last block leaves plaintext that ends in the letter 'a', which is not valid padding. */
    @Test
    public void ciphertextTruncatedByBlockRejected() {
        byte[] firstBlock = Arrays.copyOf(CLIENT_A_PASSWORD_CIPHERTEXT, 16);

        assertThrows(InvalidSecretEncodingException.class, () -> session.decrypt(IV, firstBlock, "text/plain"));
    }

    @Test
    public void badPaddingRejectedWithOneMessage() {
        for (byte[] ciphertext : CLIENT_A_BAD_PADDING_CIPHERTEXTS) {
            InvalidSecretEncodingException e = assertThrows(
                    HexFormat.of().formatHex(ciphertext),
                    InvalidSecretEncodingException.class,
                    () -> session.decrypt(IV, ciphertext, "text/plain"));
            assertEquals(
                    "Invalid PKCS#7 padding after decryption, so the secret was probably encrypted with a different "
                            + "session key",
                    e.getMessage());
        }
    }

    @Test
    public void wrongIvChangesFirstBlockOnly() {
        byte[] otherIv = IV.clone();
        otherIv[0] ^= 1;

        try (SecretValue secret = session.decrypt(otherIv, CLIENT_A_PASSWORD_CIPHERTEXT, "text/plain")) {
            byte[] expected = PASSWORD.getBytes(UTF_8);
            expected[0] ^= 1;
            assertArrayEquals(expected, secret.copyBytes());
        }
    }

    @Test
    public void closedSessionRejectsUse() {
        session.close();
        session.close();

        try (SecretValue secret = SecretValue.copyOf(new byte[] {1}, "text/plain")) {
            assertThrows(IllegalStateException.class, () -> session.encrypt(secret));
        }
        assertThrows(
                IllegalStateException.class, () -> session.decrypt(IV, CLIENT_A_PASSWORD_CIPHERTEXT, "text/plain"));
    }

    @Test
    public void closeWipesKey() {
        byte[] key = CLIENT_A_KEY.clone();
        AesCbcTransferSession owned = new AesCbcTransferSession("test", new byte[0], key, new SecureRandom());

        owned.close();

        assertArrayEquals(new byte[16], key);
    }

    @Test
    public void outputIsCopy() {
        byte[] output = session.output();
        output[0] = 1;

        assertFalse(session.output()[0] == 1);
    }
}
