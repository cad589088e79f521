package io.keyport.crypto.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.keyport.api.crypto.InvalidSecretEncodingException;
import java.util.Arrays;
import org.junit.Test;

public class Pkcs7PaddingTest {

    @Test
    public void padAddsOneToSixteenBytes() {
        for (int length = 0; length <= 48; length++) {
            byte[] data = new byte[length];
            Arrays.fill(data, (byte) 0x41);

            byte[] padded = Pkcs7Padding.pad(data);

            int expectedPadding = 16 - length % 16;
            assertEquals("length " + length, length + expectedPadding, padded.length);
            assertArrayEquals("length " + length, data, Arrays.copyOf(padded, length));
            for (int i = length; i < padded.length; i++) {
                assertEquals("length " + length + " byte " + i, expectedPadding, padded[i]);
            }
        }
    }

    @Test
    public void emptyDataPadsToFullBlock() {
        byte[] expected = new byte[16];
        Arrays.fill(expected, (byte) 0x10);

        assertArrayEquals(expected, Pkcs7Padding.pad(new byte[0]));
    }

    @Test
    public void unpadReversesPad() {
        for (int length = 0; length <= 48; length++) {
            assertEquals("length " + length, length, Pkcs7Padding.unpaddedLength(Pkcs7Padding.pad(new byte[length])));
        }
    }

    @Test
    public void unpadRejectsOutOfRangeLengthByte() {
        for (int last : new int[] {0x00, 0x11, 0x20, 0x80, 0xff}) {
            byte[] padded = new byte[32];
            Arrays.fill(padded, (byte) last);

            assertThrows(
                    "last byte " + last,
                    InvalidSecretEncodingException.class,
                    () -> Pkcs7Padding.unpaddedLength(padded));
        }
    }

    @Test
    public void unpadRejectsEveryWrongPaddingByte() {
        for (int paddingLength = 2; paddingLength <= 16; paddingLength++) {
            for (int wrong = 2; wrong <= paddingLength; wrong++) {
                byte[] padded = Pkcs7Padding.pad(new byte[32 - paddingLength]);
                padded[padded.length - wrong] ^= 0x01;

                assertThrows(
                        "padding " + paddingLength + ", byte " + wrong + " from the end wrong",
                        InvalidSecretEncodingException.class,
                        () -> Pkcs7Padding.unpaddedLength(padded));
            }
        }
    }

    @Test
    public void unpadIgnoresBytesBeforePadding() {
        byte[] padded = new byte[16];
        Arrays.fill(padded, (byte) 0x07);
        padded[15] = 0x01;

        assertEquals(15, Pkcs7Padding.unpaddedLength(padded));
    }
}
