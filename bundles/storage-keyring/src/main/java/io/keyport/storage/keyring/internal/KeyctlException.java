package io.keyport.storage.keyring.internal;

import io.keyport.api.storage.StorageException;

/**
 * A failed add_key or keyctl system call. The message names the call, the key serial numbers involved and what the
 * errno means for Keyport. Key descriptions do not appear in it, and those of Keyport's keys contain ids only.
 */
final class KeyctlException extends StorageException {

    private static final long serialVersionUID = 1L;

    private final int errno;

    KeyctlException(String call, int errno) {
        super(call + " failed: " + Errno.explain(errno) + " (" + Errno.name(errno) + ")");
        this.errno = errno;
    }

    int errno() {
        return errno;
    }

    /**
     * Returns {@code true} when the key no longer serves: it does not exist, expired or was revoked. A key that
     * was invalidated or unlinked from every keyring that Keyport possesses fails with EACCES instead, which
     * {@link #mayBeGone()} covers.
     */
    boolean isGone() {
        return errno == Errno.ENOKEY || errno == Errno.EKEYEXPIRED || errno == Errno.EKEYREVOKED;
    }

    /** Returns {@code true} when the key may no longer exist, including EACCES, so the caller should check. */
    boolean mayBeGone() {
        return isGone() || errno == Errno.EACCES || errno == Errno.ENOENT;
    }
}
