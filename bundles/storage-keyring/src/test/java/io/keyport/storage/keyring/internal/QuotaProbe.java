package io.keyport.storage.keyring.internal;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageException;
import java.util.Map;

/**
 * The child process of {@link QuotaTest}: joins a new anonymous session keyring, so every key it adds ends with the
 * process, stores items until the kernel rejects one, and prints {@code result NAME VALUE} lines.
 *
 * <p>Mode {@code fill} stores 1000-byte secrets until the quota is exhausted; mode {@code oversize} stores one secret
 * larger than the per-user byte quota.
 */
public final class QuotaProbe {

    /** KEYCTL_JOIN_SESSION_KEYRING, which KeyctlSyscalls does not need itself. */
    private static final int KEYCTL_JOIN_SESSION_KEYRING = 1;

    private QuotaProbe() {}

    public static void main(String[] args) {
        joinAnonymousSessionKeyring();
        KeyctlSyscalls keyctl = KeyctlSyscalls.load();
        int session = keyctl.keyringSerial(KeyctlSyscalls.SESSION_KEYRING, false);
        int parent = keyctl.addKey(KeyNames.KEYRING_TYPE, "keyport-quota-test", null, session);
        KeyringSettings settings = new KeyringSettings("quota", parent, Map.of("quota", "Quota"), 0, false, 0);
        KernelKeyringEngine engine = new KernelKeyringEngine(settings, keyctl);
        StorageCollection collection = engine.collection("quota");
        int stored = 0;
        String error = "none";
        try {
            if (args[0].equals("oversize")) {
                collection.createItem("oversize", Map.of(), SecretValue.copyOf(new byte[25_000], ""), false);
                stored++;
            } else {
                for (int i = 0; i < 1000; i++) {
                    collection.createItem(
                            "item " + i, Map.of("n", "" + i), SecretValue.copyOf(new byte[1000], ""), false);
                    stored++;
                }
            }
        } catch (StorageException e) {
            error = e.getMessage();
        }
        int keyring = ((KeyringCollection) collection).keyringSerial();
        print("stored", stored);
        print("items", collection.itemIds().size());
        print("keys", keyctl.readKeyring(keyring).length);
        print("error", error);
        engine.close();

        KernelKeyringEngine restarted = new KernelKeyringEngine(settings, keyctl);
        print("reloaded", restarted.collection("quota").itemIds().size());
        restarted.collection("quota").delete();
        restarted.close();
        print("left", keyctl.readKeyring(parent).length);
        keyctl.invalidate(parent);
    }

    private static void joinAnonymousSessionKeyring() {
        KeyctlSyscalls.LibC libc =
                jnr.ffi.LibraryLoader.create(KeyctlSyscalls.LibC.class).load("c");
        long keyctlNumber = System.getProperty("os.arch").equals("amd64") ? 250 : 219;
        if (libc.syscall(keyctlNumber, KEYCTL_JOIN_SESSION_KEYRING, 0, 0, 0, 0, 0) < 0) {
            throw new IllegalStateException("Could not join a new session keyring");
        }
    }

    private static void print(String name, Object value) {
        System.out.println("result " + name + " " + value);
    }
}
