package io.keyport.secretservice.internal;

import io.keyport.api.crypto.TransferAlgorithms;
import io.keyport.api.crypto.TransferSession;
import io.keyport.api.secret.SecretValue;
import io.keyport.secretservice.internal.dbus.Secret;
import org.freedesktop.DBus.Error.InvalidArgs;

/** The size limits on secrets that clients send. */
final class SecretLimits {

    /** Default largest secret: far above passwords, keys and tokens, far below the bus's message limit. */
    static final int DEFAULT_MAX_BYTES = 1 << 20;

    /** The most that PKCS#7 padding adds to an AES-CBC encoded secret: one 16-byte block. */
    private static final int PADDING_ALLOWANCE = 16;

    private volatile int maxBytes;

    SecretLimits(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Changes the limit for the secrets that clients send from now on. */
    void setMaxBytes(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Rejects a secret whose encoded value is too large to hold a secret within the limit, before it is
     * decrypted. Encryption pads by up to one AES block, so the encoded value may exceed the limit by that.
     *
     * @param session the session that encoded the secret. With an encrypting algorithm the message gives the
     *     encrypted size, because the plaintext size is known only after decryption.
     * @throws InvalidArgs naming the size, the limit and the setting that raises it
     */
    void checkEncoded(Secret secret, TransferSession session) {
        int limit = maxBytes;
        int length = secret.getValue().length;
        if ((long) length > (long) limit + PADDING_ALLOWANCE) {
            if (TransferAlgorithms.PLAIN.equals(session.algorithm())) {
                throw tooLarge("The secret is " + length + " bytes", limit);
            }
            throw tooLarge(
                    "The encrypted secret is " + length + " bytes, so the secret is at least "
                            + (length - PADDING_ALLOWANCE) + " bytes",
                    limit);
        }
    }

    /** Rejects a decoded secret above the limit. */
    void checkDecoded(SecretValue secret) {
        int limit = maxBytes;
        if (secret.length() > limit) {
            throw tooLarge("The secret is " + secret.length() + " bytes", limit);
        }
    }

    private static InvalidArgs tooLarge(String size, int maxBytes) {
        return new InvalidArgs(size + ", more than the limit of " + maxBytes
                + " bytes; an administrator can raise it with secret.max.bytes in io.keyport.secretservice");
    }
}
