package io.keyport.crypto.internal;

import static io.keyport.crypto.internal.DhAesTestVectors.hex;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

import io.keyport.api.crypto.Argon2idParameters;
import io.keyport.api.crypto.KeyDerivation;
import java.util.Arrays;
import org.junit.Test;

/**
 * Checks against RFC 5869 appendix A and against libargon2 through argon2-cffi, as printed by
 * {@code compute-test-vectors.py} in this module's test resources.
 */
public class BouncyCastleKeyDerivationTest {

    private static final byte[] RFC_5869_IKM = hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");

    private final KeyDerivation keyDerivation = new BouncyCastleKeyDerivation();

    @Test
    public void hkdfMatchesRfc5869CaseA1() {
        byte[] output = keyDerivation.hkdfSha256(
                RFC_5869_IKM, hex("000102030405060708090a0b0c"), hex("f0f1f2f3f4f5f6f7f8f9"), 42);

        assertArrayEquals(
                hex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"), output);
    }

    @Test
    public void hkdfEmptySaltMatchesRfc5869CaseA3() {
        byte[] output = keyDerivation.hkdfSha256(RFC_5869_IKM, new byte[0], new byte[0], 42);

        assertArrayEquals(
                hex("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"), output);
    }

    @Test
    public void hkdfEmptySaltEqualsZeroSalt() {
        assertArrayEquals(
                keyDerivation.hkdfSha256(RFC_5869_IKM, new byte[32], new byte[0], 16),
                keyDerivation.hkdfSha256(RFC_5869_IKM, new byte[0], new byte[0], 16));
    }

    @Test
    public void hkdfLengthLimits() {
        assertEquals(8160, keyDerivation.hkdfSha256(RFC_5869_IKM, new byte[0], new byte[0], 8160).length);
        assertThrows(
                IllegalArgumentException.class,
                () -> keyDerivation.hkdfSha256(RFC_5869_IKM, new byte[0], new byte[0], 8161));
        assertThrows(
                IllegalArgumentException.class,
                () -> keyDerivation.hkdfSha256(RFC_5869_IKM, new byte[0], new byte[0], 0));
    }

    @Test
    public void argon2idMatchesLibargon2() {
        byte[] salt = hex("000102030405060708090a0b0c0d0e0f");

        byte[] output = keyDerivation.argon2id(
                "correct horse battery staple".getBytes(UTF_8), salt, new Argon2idParameters(256, 2, 2), 32);

        assertArrayEquals(hex("9992982626d0fa7b38ee9ce8e7951eeb239679653fcbb197fd39264d51652da5"), output);
    }

    @Test
    public void argon2idEmptyPasswordMatchesLibargon2() {
        byte[] output =
                keyDerivation.argon2id(new byte[0], "saltsalt".getBytes(UTF_8), new Argon2idParameters(64, 1, 1), 16);

        assertArrayEquals(hex("0f808e7503865c1ed212b74beced4087"), output);
    }

    @Test
    public void argon2idDoesNotChangeInputs() {
        byte[] password = "correct horse battery staple".getBytes(UTF_8);
        byte[] salt = hex("000102030405060708090a0b0c0d0e0f");

        keyDerivation.argon2id(password, salt, new Argon2idParameters(64, 1, 1), 16);

        assertArrayEquals("correct horse battery staple".getBytes(UTF_8), password);
        assertArrayEquals(hex("000102030405060708090a0b0c0d0e0f"), salt);
    }

    @Test
    public void argon2idSaltChangesKey() {
        Argon2idParameters parameters = new Argon2idParameters(64, 1, 1);
        byte[] password = "correct horse battery staple".getBytes(UTF_8);

        byte[] first = keyDerivation.argon2id(password, new byte[16], parameters, 32);
        byte[] salt = new byte[16];
        salt[15] = 1;
        byte[] second = keyDerivation.argon2id(password, salt, parameters, 32);

        assertFalse(Arrays.equals(first, second));
    }

    @Test
    public void argon2idShortSaltRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> keyDerivation.argon2id(new byte[1], new byte[7], new Argon2idParameters(64, 1, 1), 16));
    }

    @Test
    public void argon2idShortOutputRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> keyDerivation.argon2id(new byte[1], new byte[16], new Argon2idParameters(64, 1, 1), 3));
    }

    @Test
    public void argon2idParameterRangesChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Argon2idParameters(15, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new Argon2idParameters(64, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2idParameters(64, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Argon2idParameters(Integer.MAX_VALUE, 1, 1 << 24));
        assertEquals(16, new Argon2idParameters(16, 1, 2).memoryKiB());
    }

    @Test
    public void rfc9106SecondRecommendedValues() {
        Argon2idParameters parameters = Argon2idParameters.RFC_9106_SECOND_RECOMMENDED;

        assertEquals(65536, parameters.memoryKiB());
        assertEquals(3, parameters.iterations());
        assertEquals(4, parameters.parallelism());
    }
}
