package io.keyport.crypto.internal;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** HKDF-SHA256 (RFC 5869) on Bouncy Castle's generator. */
final class HkdfSha256 {

    static final int MAX_LENGTH = 255 * 32;

    private HkdfSha256() {}

    /**
     * Derives {@code length} bytes. An empty salt means no salt, which RFC 5869 section 2.2 defines as 32 zero bytes.
     */
    static byte[] derive(byte[] inputKeyMaterial, byte[] salt, byte[] info, int length) {
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "HKDF-SHA256 output length must be from 1 to " + MAX_LENGTH + " bytes but is " + length);
        }

        HKDFBytesGenerator generator = new HKDFBytesGenerator(SHA256Digest.newInstance());
        generator.init(new HKDFParameters(inputKeyMaterial, salt.length == 0 ? null : salt, info));
        byte[] output = new byte[length];
        generator.generateBytes(output, 0, length);
        return output;
    }
}
