package io.keyport.crypto.internal;

import static io.keyport.crypto.internal.DhAesTestVectors.CLIENT_A_EXPONENT;
import static io.keyport.crypto.internal.DhAesTestVectors.CLIENT_A_KEY;
import static io.keyport.crypto.internal.DhAesTestVectors.CLIENT_A_PASSWORD_CIPHERTEXT;
import static io.keyport.crypto.internal.DhAesTestVectors.CLIENT_A_PUBLIC_KEY;
import static io.keyport.crypto.internal.DhAesTestVectors.CLIENT_A_SHARED_SECRET;
import static io.keyport.crypto.internal.DhAesTestVectors.CLIENT_B_KEY;
import static io.keyport.crypto.internal.DhAesTestVectors.CLIENT_B_PASSWORD_CIPHERTEXT;
import static io.keyport.crypto.internal.DhAesTestVectors.CLIENT_B_PUBLIC_KEY;
import static io.keyport.crypto.internal.DhAesTestVectors.CLIENT_B_SHARED_SECRET;
import static io.keyport.crypto.internal.DhAesTestVectors.IV;
import static io.keyport.crypto.internal.DhAesTestVectors.PASSWORD;
import static io.keyport.crypto.internal.DhAesTestVectors.SERVICE_EXPONENT;
import static io.keyport.crypto.internal.DhAesTestVectors.SERVICE_PUBLIC_KEY;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.keyport.api.crypto.EncryptedSecret;
import io.keyport.api.crypto.InvalidTransferInputException;
import io.keyport.api.crypto.TransferAlgorithms;
import io.keyport.api.crypto.TransferSession;
import io.keyport.api.secret.SecretValue;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.Test;

public class DhAesTransferAlgorithmTest {

    private final DhAesTransferAlgorithm algorithm = new DhAesTransferAlgorithm(new SecureRandom());

    @Test
    public void nameIsSpecName() {
        assertEquals("dh-ietf1024-sha256-aes128-cbc-pkcs7", algorithm.name());
    }

    @Test
    public void outputIsPaddedServicePublicKey() {
        try (TransferSession session = algorithm.open(CLIENT_A_PUBLIC_KEY, SERVICE_EXPONENT)) {
            byte[] output = session.output();

            assertEquals(128, output.length);
            assertEquals(0, output[0]);
            assertArrayEquals(SERVICE_PUBLIC_KEY, output);
        }
    }

    @Test
    public void sessionAlgorithmIsSpecName() {
        try (TransferSession session = algorithm.open(CLIENT_A_PUBLIC_KEY, SERVICE_EXPONENT)) {
            assertEquals(TransferAlgorithms.DH_IETF1024_SHA256_AES128_CBC_PKCS7, session.algorithm());
        }
    }

    @Test
    public void sharedSecretKeepsLeadingZeros() {
        byte[] sharedSecret =
                DhAesTransferAlgorithm.sharedSecret(new BigInteger(1, CLIENT_A_PUBLIC_KEY), SERVICE_EXPONENT);

        assertEquals(128, sharedSecret.length);
        assertEquals(0, sharedSecret[0]);
        assertEquals(0, sharedSecret[1]);
        assertArrayEquals(CLIENT_A_SHARED_SECRET, sharedSecret);
    }

    @Test
    public void sharedSecretSameFromClientSide() {
        byte[] clientSide =
                DhAesTransferAlgorithm.sharedSecret(new BigInteger(1, SERVICE_PUBLIC_KEY), CLIENT_A_EXPONENT);

        assertArrayEquals(CLIENT_A_SHARED_SECRET, clientSide);
    }

    @Test
    public void sessionKeyMatchesVectors() {
        assertArrayEquals(CLIENT_A_KEY, DhAesTransferAlgorithm.deriveSessionKey(CLIENT_A_SHARED_SECRET));
        assertArrayEquals(CLIENT_B_KEY, DhAesTransferAlgorithm.deriveSessionKey(CLIENT_B_SHARED_SECRET));
    }

    @Test
    public void topBitClientKeyEncryptsToVector() {
        assertEquals(128, CLIENT_A_PUBLIC_KEY.length);
        assertTrue((CLIENT_A_PUBLIC_KEY[0] & 0xff) >= 0x80);

        try (TransferSession session = algorithm.open(CLIENT_A_PUBLIC_KEY, SERVICE_EXPONENT);
                SecretValue secret = SecretValue.copyOf(PASSWORD.getBytes(UTF_8), "text/plain");
                EncryptedSecret encrypted = ((AesCbcTransferSession) session).encrypt(secret, IV)) {
            assertArrayEquals(IV, encrypted.parameters());
            assertArrayEquals(CLIENT_A_PASSWORD_CIPHERTEXT, encrypted.value());
            assertEquals("text/plain", encrypted.contentType());
        }
    }

    @Test
    public void topBitClientKeyDecryptsVector() {
        try (TransferSession session = algorithm.open(CLIENT_A_PUBLIC_KEY, SERVICE_EXPONENT);
                SecretValue secret = session.decrypt(IV, CLIENT_A_PASSWORD_CIPHERTEXT, "text/plain")) {
            assertArrayEquals(PASSWORD.getBytes(UTF_8), secret.copyBytes());
            assertEquals("text/plain", secret.contentType());
        }
    }

    @Test
    public void signedClientKeyAccepted() {
        byte[] signed = new byte[129];
        System.arraycopy(CLIENT_A_PUBLIC_KEY, 0, signed, 1, 128);

        try (TransferSession session = algorithm.open(signed, SERVICE_EXPONENT);
                SecretValue secret = session.decrypt(IV, CLIENT_A_PASSWORD_CIPHERTEXT, "text/plain")) {
            assertArrayEquals(SERVICE_PUBLIC_KEY, session.output());
            assertArrayEquals(PASSWORD.getBytes(UTF_8), secret.copyBytes());
        }
    }

    @Test
    public void shortClientKeyAccepted() {
        assertEquals(127, CLIENT_B_PUBLIC_KEY.length);

        try (TransferSession session = algorithm.open(CLIENT_B_PUBLIC_KEY, SERVICE_EXPONENT);
                SecretValue secret = session.decrypt(IV, CLIENT_B_PASSWORD_CIPHERTEXT, "text/plain")) {
            assertArrayEquals(PASSWORD.getBytes(UTF_8), secret.copyBytes());
        }
    }

    @Test
    public void zeroPaddedShortClientKeyAccepted() {
        byte[] padded = new byte[128];
        System.arraycopy(CLIENT_B_PUBLIC_KEY, 0, padded, 1, 127);

        try (TransferSession session = algorithm.open(padded, SERVICE_EXPONENT);
                SecretValue secret = session.decrypt(IV, CLIENT_B_PASSWORD_CIPHERTEXT, "text/plain")) {
            assertArrayEquals(PASSWORD.getBytes(UTF_8), secret.copyBytes());
        }
    }

    @Test
    public void signedKeyWithNonZeroFirstByteRejected() {
        byte[] input = new byte[129];
        input[0] = 1;
        System.arraycopy(CLIENT_A_PUBLIC_KEY, 0, input, 1, 128);

        assertThrows(InvalidTransferInputException.class, () -> algorithm.open(input, SERVICE_EXPONENT));
    }

    @Test
    public void tooLongClientKeyRejected() {
        byte[] input = new byte[130];
        System.arraycopy(CLIENT_A_PUBLIC_KEY, 0, input, 2, 128);

        InvalidTransferInputException e =
                assertThrows(InvalidTransferInputException.class, () -> algorithm.open(input, SERVICE_EXPONENT));
        assertTrue(e.getMessage(), e.getMessage().contains("130 bytes"));
    }

    @Test
    public void outOfRangeClientKeysRejected() {
        BigInteger prime = DhAesTransferAlgorithm.PRIME;
        BigInteger[] invalid = {
            BigInteger.ZERO,
            BigInteger.ONE,
            prime.subtract(BigInteger.ONE),
            prime,
            prime.add(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(1024).subtract(BigInteger.ONE),
        };
        for (BigInteger value : invalid) {
            byte[] input = DhAesTransferAlgorithm.toGroupBytes(value);
            InvalidTransferInputException e =
                    assertThrows(value.toString(16), InvalidTransferInputException.class, () -> algorithm.open(input));
            assertFalse(e.getMessage(), e.getMessage().contains(HexFormat.of().formatHex(input)));
        }
    }

    @Test
    public void emptyClientKeyRejected() {
        assertThrows(InvalidTransferInputException.class, () -> algorithm.open(new byte[0]));
    }

    @Test
    public void boundaryClientKeysAccepted() {
        BigInteger[] valid = {BigInteger.TWO, DhAesTransferAlgorithm.PRIME.subtract(BigInteger.TWO)};
        for (BigInteger value : valid) {
            try (TransferSession session = algorithm.open(value.toByteArray())) {
                assertEquals(value.toString(16), 128, session.output().length);
            }
        }
    }

    @Test
    public void toGroupBytesPadsAndStripsSignByte() {
        assertArrayEquals(
                DhAesTestVectors.hex("00".repeat(127) + "02"), DhAesTransferAlgorithm.toGroupBytes(BigInteger.TWO));
        assertArrayEquals(
                CLIENT_A_PUBLIC_KEY, DhAesTransferAlgorithm.toGroupBytes(new BigInteger(1, CLIENT_A_PUBLIC_KEY)));
    }

    /**
     * Plays the client with a random exponent against a random service exponent, and decrypts with the JCA's own
     * PKCS#5 padding (the same as PKCS#7 for 16-byte blocks) and an HKDF written out with {@link Mac}.
     */
    @Test
    public void randomSessionAgreesWithClient() throws Exception {
        SecureRandom random = new SecureRandom();
        BigInteger clientExponent = new BigInteger(256, random).setBit(255);
        byte[] clientPublicKey = DhAesTransferAlgorithm.toGroupBytes(
                DhAesTransferAlgorithm.GENERATOR.modPow(clientExponent, DhAesTransferAlgorithm.PRIME));

        try (TransferSession session = algorithm.open(clientPublicKey);
                SecretValue secret = SecretValue.copyOf(PASSWORD.getBytes(UTF_8), "text/plain");
                EncryptedSecret encrypted = session.encrypt(secret)) {
            BigInteger servicePublicKey = new BigInteger(1, session.output());
            byte[] sharedSecret = DhAesTransferAlgorithm.toGroupBytes(
                    servicePublicKey.modPow(clientExponent, DhAesTransferAlgorithm.PRIME));
            byte[] key = Arrays.copyOf(hkdfSha256Block(sharedSecret), 16);

            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(
                    Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(encrypted.parameters()));
            assertArrayEquals(PASSWORD.getBytes(UTF_8), cipher.doFinal(encrypted.value()));
        }
    }

    @Test
    public void randomExponentsDifferPerSession() {
        try (TransferSession first = algorithm.open(CLIENT_A_PUBLIC_KEY);
                TransferSession second = algorithm.open(CLIENT_A_PUBLIC_KEY)) {
            assertNotEquals(
                    HexFormat.of().formatHex(first.output()), HexFormat.of().formatHex(second.output()));
        }
    }

    @Test
    public void encryptDrawsFreshIv() {
        try (TransferSession session = algorithm.open(CLIENT_A_PUBLIC_KEY);
                SecretValue secret = SecretValue.copyOf(PASSWORD.getBytes(UTF_8), "text/plain");
                EncryptedSecret first = session.encrypt(secret);
                EncryptedSecret second = session.encrypt(secret)) {
            assertEquals(16, first.parameters().length);
            assertEquals(16, second.parameters().length);
            assertFalse(Arrays.equals(first.parameters(), second.parameters()));
            assertFalse(Arrays.equals(first.value(), second.value()));
        }
    }

    /** Returns the first HKDF-SHA256 output block for an empty salt and empty info (RFC 5869 section 2). */
    private static byte[] hkdfSha256Block(byte[] inputKeyMaterial) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        byte[] pseudorandomKey = mac.doFinal(inputKeyMaterial);
        mac.init(new SecretKeySpec(pseudorandomKey, "HmacSHA256"));
        return mac.doFinal(new byte[] {1});
    }
}
