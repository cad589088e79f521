package io.keyport.storage.keyring.internal;

import io.keyport.api.storage.StorageException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.SaveError;

/**
 * The kernel key management system calls add_key(2) and keyctl(2). glibc has no wrappers for them, so they go
 * through libc's syscall(2), bound with jnr-ffi.
 *
 * <p>Arguments that point at memory (strings, payloads, buffers) are copied into native memory that this class
 * allocates, and payload and read buffers are filled with zeros after the call. Instances are thread-safe: errno is
 * saved per thread.
 */
final class KeyctlSyscalls {

    /** KEY_SPEC_SESSION_KEYRING: the calling process's session keyring. */
    static final int SESSION_KEYRING = -3;

    /** KEY_SPEC_USER_KEYRING: the calling user's keyring. */
    static final int USER_KEYRING = -4;

    /** The largest payload of a {@code user} key (linux/security/keys/user_defined.c). */
    static final int USER_PAYLOAD_MAX = 32767;

    /** The largest payload of a {@code big_key} key (linux/security/keys/big_key.c). */
    static final int BIG_KEY_PAYLOAD_MAX = 1024 * 1024;

    // keyctl(2) operations, from linux/include/uapi/linux/keyctl.h.
    private static final int KEYCTL_GET_KEYRING_ID = 0;
    private static final int KEYCTL_UPDATE = 2;
    private static final int KEYCTL_SETPERM = 5;
    private static final int KEYCTL_DESCRIBE = 6;
    private static final int KEYCTL_LINK = 8;
    private static final int KEYCTL_UNLINK = 9;
    private static final int KEYCTL_SEARCH = 10;
    private static final int KEYCTL_READ = 11;
    private static final int KEYCTL_SET_TIMEOUT = 15;
    private static final int KEYCTL_INVALIDATE = 21;

    private static final int INITIAL_READ_BYTES = 512;

    /**
     * The one libc function that this class needs. Public, because jnr-ffi implements it in another class loader.
     *
     * <p>It declares all six arguments that syscall(2) passes, although add_key and keyctl use five at most: declared
     * with five, jnr-ffi 2.2.16 on x86_64 did not pass the fifth, and add_key failed with ENOKEY for its keyring.
     */
    public interface LibC {
        @SaveError
        long syscall(long number, long arg1, long arg2, long arg3, long arg4, long arg5, long arg6);
    }

    private final LibC libc;
    private final Runtime runtime;
    private final long addKeyNumber;
    private final long keyctlNumber;

    private KeyctlSyscalls(LibC libc, long addKeyNumber, long keyctlNumber) {
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
        this.addKeyNumber = addKeyNumber;
        this.keyctlNumber = keyctlNumber;
    }

    /**
     * Loads libc and picks the system call numbers of this machine's architecture.
     *
     * @throws StorageException if this is not Linux on x86_64, aarch64 or riscv64
     */
    static KeyctlSyscalls load() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        long[] numbers = os.equals("Linux") ? numbers(arch) : null;
        if (numbers == null) {
            throw new StorageException("The kernel keyring engine runs on Linux on x86_64, aarch64 or riscv64 only,"
                    + " not on " + os + " " + arch);
        }
        LibC libc;
        try {
            libc = LibraryLoader.create(LibC.class).load("c");
        } catch (LinkageError | RuntimeException e) {
            throw new StorageException("Could not load libc through jnr-ffi to call add_key and keyctl", e);
        }
        return new KeyctlSyscalls(libc, numbers[0], numbers[1]);
    }

    /** Returns the numbers of add_key and keyctl, or {@code null} for an architecture Keyport does not know. */
    private static long[] numbers(String arch) {
        return switch (arch) {
            case "amd64", "x86_64" -> new long[] {248, 250};
            // aarch64 and riscv64 use the kernel's generic system call table.
            case "aarch64", "riscv64" -> new long[] {217, 219};
            default -> null;
        };
    }

    /**
     * Creates a key of {@code type} and links it into {@code keyring}, or updates the key of the same type and
     * description already linked there. The kernel fills in the payload before it links the key, so no reader ever
     * sees a partly written key.
     *
     * @param payload the payload, or {@code null} for a keyring
     * @return the key's serial number
     */
    int addKey(String type, String description, byte[] payload, int keyring) {
        Pointer typeString = cString(type);
        Pointer descriptionString = cString(description);
        Pointer data = payload == null ? null : nativeCopy(payload);
        try {
            long result = libc.syscall(
                    addKeyNumber,
                    typeString.address(),
                    descriptionString.address(),
                    data == null ? 0 : data.address(),
                    payload == null ? 0 : payload.length,
                    keyring,
                    0);
            return (int) check(result, "add_key of a " + type + " key into keyring " + keyring);
        } finally {
            if (data != null) {
                data.setMemory(0, payload.length, (byte) 0);
            }
            Reference.reachabilityFence(typeString);
            Reference.reachabilityFence(descriptionString);
            Reference.reachabilityFence(data);
        }
    }

    /** Replaces the payload of a key in one step: readers see the old or the new payload, never a mix. */
    void update(int key, byte[] payload) {
        Pointer data = nativeCopy(payload);
        try {
            keyctl("keyctl update of key " + key, KEYCTL_UPDATE, key, data.address(), payload.length, 0);
        } finally {
            data.setMemory(0, payload.length, (byte) 0);
            Reference.reachabilityFence(data);
        }
    }

    /**
     * Resolves a special keyring id such as {@link #USER_KEYRING} to its serial number, or checks that a serial
     * number names an accessible key.
     *
     * @param create whether the kernel may create the user or session keyring when it does not exist yet
     */
    int keyringSerial(int id, boolean create) {
        return (int) keyctl("keyctl get_keyring_id of " + id, KEYCTL_GET_KEYRING_ID, id, create ? 1 : 0, 0, 0);
    }

    /** Searches {@code keyring} and the keyrings linked in it for a key, and returns its serial number. */
    int search(int keyring, String type, String description) {
        Pointer typeString = cString(type);
        Pointer descriptionString = cString(description);
        try {
            return (int) keyctl(
                    "keyctl search of keyring " + keyring,
                    KEYCTL_SEARCH,
                    keyring,
                    typeString.address(),
                    descriptionString.address(),
                    0);
        } finally {
            Reference.reachabilityFence(typeString);
            Reference.reachabilityFence(descriptionString);
        }
    }

    /** Returns a copy of a key's payload, which the caller owns and should fill with zeros when done. */
    byte[] read(int key) {
        return readAll("keyctl read of key " + key, KEYCTL_READ, key);
    }

    /** Returns the serial numbers of the keys linked in a keyring. */
    int[] readKeyring(int keyring) {
        byte[] raw = readAll("keyctl read of keyring " + keyring, KEYCTL_READ, keyring);
        ByteBuffer buffer = ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder());
        int[] serials = new int[raw.length / Integer.BYTES];
        for (int i = 0; i < serials.length; i++) {
            serials[i] = buffer.getInt();
        }
        return serials;
    }

    /** Returns a key's type, owner, permissions and description. */
    KeyDescription describe(int key) {
        byte[] raw = readAll("keyctl describe of key " + key, KEYCTL_DESCRIBE, key);
        int length = raw.length > 0 && raw[raw.length - 1] == 0 ? raw.length - 1 : raw.length;
        return KeyDescription.parse(new String(raw, 0, length, StandardCharsets.UTF_8));
    }

    void link(int key, int keyring) {
        keyctl("keyctl link of key " + key + " into keyring " + keyring, KEYCTL_LINK, key, keyring, 0, 0);
    }

    void unlink(int key, int keyring) {
        keyctl("keyctl unlink of key " + key + " from keyring " + keyring, KEYCTL_UNLINK, key, keyring, 0, 0);
    }

    /** Replaces a key's permission mask: possessor, user, group and other, one byte each from the top. */
    void setPermissions(int key, int permissions) {
        keyctl("keyctl setperm of key " + key, KEYCTL_SETPERM, key, permissions & 0xFFFFFFFFL, 0, 0);
    }

    /** Makes a key expire {@code seconds} from now; 0 removes its expiry. */
    void setTimeout(int key, long seconds) {
        keyctl("keyctl set_timeout of key " + key, KEYCTL_SET_TIMEOUT, key, seconds, 0, 0);
    }

    /** Marks a key invalid at once; the kernel then unlinks it from every keyring and destroys it. */
    void invalidate(int key) {
        keyctl("keyctl invalidate of key " + key, KEYCTL_INVALIDATE, key, 0, 0, 0);
    }

    /**
     * Calls a keyctl operation that fills a buffer and returns the length it needs, growing the buffer until the
     * result fits. The native buffer is filled with zeros after each attempt.
     */
    private byte[] readAll(String call, int command, int key) {
        int capacity = INITIAL_READ_BYTES;
        while (true) {
            int size = capacity;
            Pointer buffer = Memory.allocateDirect(runtime, size);
            try {
                long needed = keyctl(call, command, key, buffer.address(), size, 0);
                if (needed <= size) {
                    byte[] result = new byte[(int) needed];
                    buffer.get(0, result, 0, result.length);
                    return result;
                }
                capacity = (int) needed;
            } finally {
                buffer.setMemory(0, size, (byte) 0);
                Reference.reachabilityFence(buffer);
            }
        }
    }

    /** Calls keyctl(2); {@code call} names the operation and its keys for the error message. */
    private long keyctl(String call, int command, long arg2, long arg3, long arg4, long arg5) {
        return check(libc.syscall(keyctlNumber, command, arg2, arg3, arg4, arg5, 0), call);
    }

    private long check(long result, String call) {
        if (result == -1) {
            throw new KeyctlException(call, runtime.getLastError());
        }
        return result;
    }

    private Pointer cString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Pointer pointer = Memory.allocateDirect(runtime, bytes.length + 1);
        pointer.put(0, bytes, 0, bytes.length);
        pointer.putByte(bytes.length, (byte) 0);
        return pointer;
    }

    /** Copies a payload into native memory; an empty payload still gets one byte, so the pointer is valid. */
    private Pointer nativeCopy(byte[] payload) {
        Pointer pointer = Memory.allocateDirect(runtime, Math.max(1, payload.length));
        pointer.put(0, payload, 0, payload.length);
        return pointer;
    }

    @Override
    public String toString() {
        return "KeyctlSyscalls[add_key=" + addKeyNumber + ", keyctl=" + keyctlNumber + "]";
    }
}
