package io.keyport.crypto.internal;

import static io.keyport.crypto.internal.DhAesTestVectors.hex;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

import io.keyport.api.crypto.Aead;
import io.keyport.api.crypto.InvalidCiphertextException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.Test;

/**
 * Checks against AES-256-GCM output of the Python {@code cryptography} package, as printed by
 * {@code compute-test-vectors.py} in this module's test resources.
 */
public class JcaAesGcmAeadTest {

    private static final byte[] KEY = hex("202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f");

    private static final byte[] NONCE = hex("c0c1c2c3c4c5c6c7c8c9cacb");

    private static final byte[] PLAINTEXT = "correct horse battery staple".getBytes(UTF_8);

    private static final byte[] HEADER = "header".getBytes(UTF_8);

    private static final byte[] SEALED = hex("c0c1c2c3c4c5c6c7c8c9cacb09fc4b83e60c3fcb124a2cc84cfda16df538e7a265872519"
            + "183f6cc4e8fd8e8a4427653f3e650f9bf186ae48");

    private static final byte[] SEALED_EMPTY = hex("c0c1c2c3c4c5c6c7c8c9cacb6521b3a9d1cf199b26584d41778bfea7");

    private final JcaAesGcmAead aead = new JcaAesGcmAead(new SecureRandom());

    @Test
    public void encryptMatchesVector() {
        assertArrayEquals(SEALED, aead.encrypt(KEY, PLAINTEXT, HEADER, NONCE));
        assertArrayEquals(SEALED_EMPTY, aead.encrypt(KEY, new byte[0], new byte[0], NONCE));
    }

    @Test
    public void decryptMatchesVector() {
        assertArrayEquals(PLAINTEXT, aead.decrypt(KEY, SEALED, HEADER));
        assertArrayEquals(new byte[0], aead.decrypt(KEY, SEALED_EMPTY, new byte[0]));
    }

    @Test
    public void sealedLengthAddsOverhead() {
        assertEquals(28, Aead.OVERHEAD);
        assertEquals(PLAINTEXT.length + Aead.OVERHEAD, aead.encrypt(KEY, PLAINTEXT, HEADER).length);
    }

    @Test
    public void randomNonceDiffersPerCall() {
        byte[] first = aead.encrypt(KEY, PLAINTEXT, HEADER);
        byte[] second = aead.encrypt(KEY, PLAINTEXT, HEADER);

        assertFalse(Arrays.equals(Arrays.copyOf(first, 12), Arrays.copyOf(second, 12)));
        assertArrayEquals(PLAINTEXT, aead.decrypt(KEY, first, HEADER));
        assertArrayEquals(PLAINTEXT, aead.decrypt(KEY, second, HEADER));
    }

    @Test
    public void everyModifiedByteRejected() {
        for (int i = 0; i < SEALED.length; i++) {
            byte[] modified = SEALED.clone();
            modified[i] ^= 0x01;

            assertThrows("byte " + i, InvalidCiphertextException.class, () -> aead.decrypt(KEY, modified, HEADER));
        }
    }

    @Test
    public void wrongAssociatedDataRejected() {
        assertThrows(InvalidCiphertextException.class, () -> aead.decrypt(KEY, SEALED, "headeR".getBytes(UTF_8)));
        assertThrows(InvalidCiphertextException.class, () -> aead.decrypt(KEY, SEALED, new byte[0]));
    }

    @Test
    public void wrongKeyRejected() {
        byte[] wrongKey = KEY.clone();
        wrongKey[31] ^= 0x01;

        InvalidCiphertextException e =
                assertThrows(InvalidCiphertextException.class, () -> aead.decrypt(wrongKey, SEALED, HEADER));
        assertEquals("AES-256-GCM tag does not verify, so the key is wrong or the data was modified", e.getMessage());
    }

    @Test
    public void truncatedInputRejected() {
        for (int length : new int[] {0, 12, 27, SEALED.length - 1}) {
            byte[] truncated = Arrays.copyOf(SEALED, length);

            assertThrows(
                    "length " + length, InvalidCiphertextException.class, () -> aead.decrypt(KEY, truncated, HEADER));
        }
    }

    @Test
    public void wrongKeyLengthRejected() {
        byte[] shortKey = new byte[16];

        assertThrows(IllegalArgumentException.class, () -> aead.encrypt(shortKey, PLAINTEXT, HEADER));
        assertThrows(IllegalArgumentException.class, () -> aead.decrypt(shortKey, SEALED, HEADER));
    }
}
