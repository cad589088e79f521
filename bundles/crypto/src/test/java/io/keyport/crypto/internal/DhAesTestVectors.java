package io.keyport.crypto.internal;

import java.math.BigInteger;
import java.util.HexFormat;

/**
 * Vectors for {@code dh-ietf1024-sha256-aes128-cbc-pkcs7}, printed by {@code compute-test-vectors.py} in this
 * module's test resources from Python integer arithmetic, hmac, hashlib and the {@code cryptography} package, so
 * they do not depend on the code under test. Rerun it with {@code /usr/bin/python3} to check them.
 */
final class DhAesTestVectors {

    static final BigInteger SERVICE_EXPONENT =
            new BigInteger("6c0d68d676e78b15ad36d7b9627c71687d296cdbdc43e3a388ea09eac977c941", 16);

    /** Starts with a zero byte, so it checks the left padding of the output. */
    static final byte[] SERVICE_PUBLIC_KEY = hex("001815306f2e8e941c15c64a32fbf74d58d72b82bc9cbc4133f265d5664de0f0"
            + "4d4594547faeac888e0c2845e238f745c989a6cbcbc180b0312ce6a986c08542f3c34b4c789820a4dc92e12925bcc7ccd63b9388"
            + "222851c2f4e9b7b3f3bd827c135177ae847df6e7c1fdc411949a3b0f50d591a9a4792255e0e345fd1ddec193");

    static final BigInteger CLIENT_A_EXPONENT =
            new BigInteger("cdce1d6ae39b876a768123aa78a32de7a0db51c09b6dabc9423a009ddd9fc3b", 16);

    /** 128 bytes with the top bit set, as a client sends it without a sign byte. */
    static final byte[] CLIENT_A_PUBLIC_KEY = hex("a9460738616e4fa93d4b59a467475739e618ca569efb19f94b8bc40ffeb7abf4"
            + "f095ffe07dfbf77eca9a63d64d91d5149f7ca6ee920d09e076c5754fb2739aff16d7fe8c4386ad5439ba25b8d8f9549affe40e59"
            + "e4afbf490f19bfeca2d6886df9ac7e86943243dc7cc10f9c7aa180fae550e01f77af0b88a51777d726db9afc");

    /** Starts with two zero bytes, which must stay in the HKDF input. */
    static final byte[] CLIENT_A_SHARED_SECRET = hex("00000a9d76db3187f21368ea5e87c4b51c8d50684c1cdc02fef257bb19e32952"
            + "6000cc456c743e31216ccf4897651ef37fb8883fd4a7b6b4906a47688656f96d1bf68f05062d52475873e4c7b66a80ddcf868599"
            + "9f2d8410307cd8702d83340967e9c10a86d00a4b770892cfe41a6875153d1c78b1a5334c8ec096e0d5c899b2");

    static final byte[] CLIENT_A_KEY = hex("6fd3fd14e3fb5ff403f3bc3cfcd4582d");

    /** 127 bytes, because the full 128-byte value starts with a zero byte that the client omits. */
    static final byte[] CLIENT_B_PUBLIC_KEY = hex("35b708954ca66bc9259d0c225d0132ac1e1e0b99a409d227ff787adc16a9ed01"
            + "1e1a5f88fb432833f2af98def33c115696e2f2d9ab68a4629cc8b5b4cb3b00119990cfe2900000257186e6df7d6037bc800927cf"
            + "89de826af89d696c60f45547449e7c2d82d8254545a754e430a9b5e032e1c6556d2880897943144454dc79");

    static final byte[] CLIENT_B_SHARED_SECRET = hex("9b0a485d1eeb5353705fa640cdb150fc8053ece60cecd6b85cb3b04f3a09ade5"
            + "02b79922607ad327984c8c6d2d06dfda98067716c969b22a3abc1f0a2de4eab4b05fecf3383812842ad75604efe5854b3151f686"
            + "b76faf7bd806c0c2f321c099ce335b81a3ee90842a417bb8579f66915f1a84c53789f13359b53dd0a021a77f");

    static final byte[] CLIENT_B_KEY = hex("1e06e491d52927bcd61e65f5cecaf47e");

    static final byte[] IV = hex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");

    static final String PASSWORD = "correct horse battery staple";

    /** {@link #PASSWORD} under {@link #CLIENT_A_KEY} and {@link #IV}. */
    static final byte[] CLIENT_A_PASSWORD_CIPHERTEXT =
            hex("138d683e554fd1ecf1ef2c18bcaa1861d8cd91553b49c8b50d678e2157fcde99");

    /** The empty secret under {@link #CLIENT_A_KEY} and {@link #IV}: one block of 16 padding bytes 0x10. */
    static final byte[] CLIENT_A_EMPTY_CIPHERTEXT = hex("5eefffdce94bd2b157a9d6b6846ae383");

    /** The 16-byte secret {@code 0123456789abcdef} under {@link #CLIENT_A_KEY}: two blocks, the second all padding. */
    static final byte[] CLIENT_A_ONE_BLOCK_CIPHERTEXT =
            hex("33d2c2b24d42e7d3c1d389703fbe6cc66c94153f113a93b04f7ec14ed297dfc6");

    /** {@link #PASSWORD} under {@link #CLIENT_B_KEY} and {@link #IV}. */
    static final byte[] CLIENT_B_PASSWORD_CIPHERTEXT =
            hex("75f65566a9a7a20b78b937beb42bc6ace3a626d8438fa54a926f5d7834a271b5");

    /** Single blocks under {@link #CLIENT_A_KEY} and {@link #IV} whose plaintext ends in invalid PKCS#7 padding. */
    static final byte[][] CLIENT_A_BAD_PADDING_CIPHERTEXTS = {
        hex("1b9c8f44db6bdcc42c703cc84b8fc52d"), // last byte 0x00
        hex("f71a9b3796577c721d717e6fb47d3a8d"), // last byte 0x11, longer than a block
        hex("def7f17252001bc11756d1e82010e135"), // ends 03 02 03
        hex("010317eb05fb4507398cdc510b8c4c97"), // 0f then fifteen bytes 0x10
    };

    private DhAesTestVectors() {}

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
