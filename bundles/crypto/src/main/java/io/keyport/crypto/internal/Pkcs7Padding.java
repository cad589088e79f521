package io.keyport.crypto.internal;

import io.keyport.api.crypto.InvalidSecretEncodingException;
import java.util.Arrays;

/** PKCS#7 padding for 16-byte blocks, with a constant-time check on removal. */
final class Pkcs7Padding {

    static final int BLOCK_SIZE = 16;

    private Pkcs7Padding() {}

    /** Returns a new array with {@code data} and 1 to 16 padding bytes, so empty data becomes one full block. */
    static byte[] pad(byte[] data) {
        int paddingLength = BLOCK_SIZE - data.length % BLOCK_SIZE;
        byte[] padded = Arrays.copyOf(data, data.length + paddingLength);
        Arrays.fill(padded, data.length, padded.length, (byte) paddingLength);
        return padded;
    }

    /**
     * Returns the length of {@code padded} without its padding. The check reads the last 16 bytes whatever their
     * values, accumulates every mismatch without branching and tests the result once, so its timing does not reveal
     * which byte was wrong.
     *
     * @param padded decrypted data whose length is a positive multiple of 16
     * @throws InvalidSecretEncodingException if the padding is invalid
     */
    static int unpaddedLength(byte[] padded) {
        int paddingLength = padded[padded.length - 1] & 0xff;
        // The operand is negative when paddingLength is 0 or above 16, so the shift then sets every bit.
        int invalid = ((paddingLength - 1) | (BLOCK_SIZE - paddingLength)) >> 31;
        for (int i = 0; i < BLOCK_SIZE; i++) {
            int inPadding = (i - paddingLength) >> 31;
            int value = padded[padded.length - 1 - i] & 0xff;
            invalid |= inPadding & (value ^ paddingLength);
        }

        if (invalid != 0) {
            throw new InvalidSecretEncodingException("Invalid PKCS#7 padding after decryption, so the secret was "
                    + "probably encrypted with a different session key");
        }
        return padded.length - paddingLength;
    }
}
