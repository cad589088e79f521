package io.keyport.storage.keyring.internal;

/**
 * The errno values that add_key and keyctl return, with their meaning for Keyport. The numbers are those of the
 * kernel's generic table (include/uapi/asm-generic/errno-base.h and errno.h), which x86_64, aarch64 and riscv64 share.
 */
final class Errno {

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int ENOMEM = 12;
    static final int EACCES = 13;
    static final int EFAULT = 14;
    static final int EEXIST = 17;
    static final int ENODEV = 19;
    static final int ENOTDIR = 20;
    static final int EINVAL = 22;
    static final int ENOSYS = 38;
    static final int EOPNOTSUPP = 95;
    static final int EDQUOT = 122;
    static final int ENOKEY = 126;
    static final int EKEYEXPIRED = 127;
    static final int EKEYREVOKED = 128;
    static final int EKEYREJECTED = 129;

    private Errno() {}

    static String name(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case EINTR -> "EINTR";
            case ENOMEM -> "ENOMEM";
            case EACCES -> "EACCES";
            case EFAULT -> "EFAULT";
            case EEXIST -> "EEXIST";
            case ENODEV -> "ENODEV";
            case ENOTDIR -> "ENOTDIR";
            case EINVAL -> "EINVAL";
            case ENOSYS -> "ENOSYS";
            case EOPNOTSUPP -> "EOPNOTSUPP";
            case EDQUOT -> "EDQUOT";
            case ENOKEY -> "ENOKEY";
            case EKEYEXPIRED -> "EKEYEXPIRED";
            case EKEYREVOKED -> "EKEYREVOKED";
            case EKEYREJECTED -> "EKEYREJECTED";
            default -> "errno " + errno;
        };
    }

    /** Explains an errno of add_key or keyctl in a sentence that names what to check. */
    static String explain(int errno) {
        return switch (errno) {
            case EDQUOT ->
                "the kernel key quota is exhausted: see /proc/sys/kernel/keys/maxkeys and maxbytes"
                        + " (root_maxkeys and root_maxbytes for root); /proc/key-users shows the use per user";
            case EKEYREVOKED -> "the key was revoked underneath Keyport, for example with keyctl revoke";
            case EKEYEXPIRED -> "the key expired underneath Keyport: its timeout passed";
            case ENOKEY -> "the key does not exist, or no longer exists";
            case ENOSYS ->
                "this kernel has no key management support (CONFIG_KEYS), or a seccomp filter blocks the"
                        + " add_key and keyctl system calls";
            case EPERM ->
                "the operation is not permitted; a seccomp filter or a security module may block key" + " management";
            case EACCES ->
                "permission denied: Keyport does not possess the key, or the key's permissions forbid"
                        + " this; a key that was invalidated or unlinked outside Keyport also gives this error";
            case ENOENT -> "the key is not linked in that keyring";
            case ENODEV -> "this kernel does not have that key type";
            case ENOTDIR -> "the key is not a keyring";
            case EINVAL -> "invalid argument, such as a payload larger than the key type holds";
            case ENOMEM -> "the kernel is out of memory";
            case EFAULT -> "the kernel could not read or write Keyport's buffer";
            default -> "unexpected error";
        };
    }
}
