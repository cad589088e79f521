package io.keyport.storage.kdbx.internal;

import java.util.Arrays;
import org.bouncycastle.crypto.StreamCipher;
import org.bouncycastle.crypto.engines.ChaCha7539Engine;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * The inner random stream that hides protected values. It is one keystream for the whole XML document, consumed
 * by the protected values in document order, so every value must pass through it exactly once and in order.
 */
final class InnerStream {

    static final int NONE = 0;
    static final int SALSA20 = 2;
    static final int CHACHA20 = 3;

    /** KDBX 3.x's fixed Salsa20 IV. */
    private static final byte[] SALSA20_IV = {(byte) 0xE8, 0x30, 0x09, 0x4B, (byte) 0x97, 0x20, 0x5D, 0x2A};

    private final StreamCipher cipher;

    private InnerStream(StreamCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * Creates the stream for an InnerRandomStreamID and its key.
     *
     * @throws KdbxException of kind UNSUPPORTED for ArcFour (1) and unknown ids
     */
    static InnerStream create(int streamId, byte[] key) throws KdbxException {
        switch (streamId) {
            case NONE:
                return new InnerStream(null);
            case SALSA20: {
                // Salsa20: key = SHA-256(stream key), fixed 8-byte IV.
                byte[] hash = Bytes.sha256(key);
                Salsa20Engine engine = new Salsa20Engine();
                engine.init(true, new ParametersWithIV(new KeyParameter(hash), SALSA20_IV));
                Bytes.wipe(hash);
                return new InnerStream(engine);
            }
            case CHACHA20: {
                // ChaCha20: h = SHA-512(stream key); key = h[0..32), nonce = h[32..44).
                byte[] hash = Bytes.sha512(key);
                ChaCha7539Engine engine = new ChaCha7539Engine();
                engine.init(
                        true,
                        new ParametersWithIV(
                                new KeyParameter(Arrays.copyOf(hash, 32)), Arrays.copyOfRange(hash, 32, 44)));
                Bytes.wipe(hash);
                return new InnerStream(engine);
            }
            default:
                throw KdbxException.unsupported(
                        "inner random stream " + streamId + " is not supported; 2 (Salsa20)" + " and 3 (ChaCha20) are");
        }
    }

    /** XORs the next keystream bytes into {@code data} in place. */
    void apply(byte[] data) {
        if (cipher != null && data.length > 0) {
            cipher.processBytes(data, 0, data.length, data, 0);
        }
    }
}
