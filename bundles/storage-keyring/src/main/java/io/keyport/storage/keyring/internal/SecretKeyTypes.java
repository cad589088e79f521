package io.keyport.storage.keyring.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the key type for a secret: {@code big_key} above {@link #BIG_KEY_THRESHOLD} bytes while the kernel has that
 * type, else {@code user}. The kernel charges a {@code big_key} to the key quota with 16 bytes whatever its size,
 * keeps large payloads encrypted in a shmem file, and takes up to 1 MiB, where a {@code user} key is charged its full
 * payload and takes at most 32767 bytes (linux security/keys/big_key.c and user_defined.c).
 */
final class SecretKeyTypes {

    /** Secrets longer than this use {@code big_key} where the kernel has it. Keyport's choice, not a kernel limit. */
    static final int BIG_KEY_THRESHOLD = 2048;

    private static final Logger LOG = LoggerFactory.getLogger(SecretKeyTypes.class);

    private final AtomicBoolean bigKeyAvailable = new AtomicBoolean(true);

    /** Returns {@code true} when a secret of {@code length} bytes should be tried as a {@code big_key} first. */
    boolean preferBigKey(int length) {
        return length > BIG_KEY_THRESHOLD && bigKeyAvailable.get();
    }

    /** Records that add_key returned ENODEV for {@code big_key}, so larger secrets use {@code user} keys from now on. */
    void bigKeyMissing() {
        if (bigKeyAvailable.compareAndSet(true, false)) {
            LOG.info(
                    "This kernel has no big_key key type (CONFIG_BIG_KEYS), so secrets of up to {} bytes are kept in"
                            + " user keys and larger ones are rejected",
                    KeyctlSyscalls.USER_PAYLOAD_MAX);
        }
    }

    boolean bigKeyAvailable() {
        return bigKeyAvailable.get();
    }
}
