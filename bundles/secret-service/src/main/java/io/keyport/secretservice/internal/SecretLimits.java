package io.keyport.secretservice.internal;

import io.keyport.secretservice.internal.dbus.Secret;
import org.freedesktop.DBus.Error.InvalidArgs;

/** The size limits on secrets that clients send. */
final class SecretLimits {

    /** Default largest secret: far above passwords, keys and tokens, far below the bus's message limit. */
    static final int DEFAULT_MAX_BYTES = 1 << 20;

    private final int maxBytes;

    SecretLimits(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Rejects a secret whose encoded value exceeds the limit, before it is decrypted or stored.
     *
     * @throws InvalidArgs naming the size, the limit and the setting that raises it
     */
    void check(Secret secret) {
        int length = secret.getValue().length;
        if (length > maxBytes) {
            throw new InvalidArgs("The secret is " + length + " bytes, more than the limit of " + maxBytes
                    + " bytes; an administrator can raise it with secret.max.bytes in io.keyport.secretservice");
        }
    }
}
