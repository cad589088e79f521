package io.keyport.itests.keyring;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import io.keyport.itests.CommandResult;
import io.keyport.itests.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code keyctl} program of keyutils, as an administrator runs it to inspect Keyport's keys, optionally as
 * another user through {@code setpriv}.
 */
final class Keyctl {

    private static final Path KEYCTL = Path.of("/usr/bin/keyctl");

    private final List<String> prefix;

    private Keyctl(List<String> prefix) {
        this.prefix = prefix;
    }

    /** Runs keyctl as the test's own user. */
    static Keyctl asCurrentUser() {
        return new Keyctl(List.of());
    }

    /** Runs keyctl as {@code uid} through setpriv, which needs root. */
    static Keyctl asUser(long uid) {
        return new Keyctl(UnprivilegedUser.setpriv(uid));
    }

    /** Fails the test with the package to install when keyctl is missing. */
    static void require() {
        if (!Files.isExecutable(KEYCTL)) {
            fail(KEYCTL + " was not found. Install the Debian package keyutils.");
        }
    }

    /** Returns the serial number of a key found below {@code keyring}, if there is one. */
    Optional<Integer> search(String keyring, String type, String description) {
        CommandResult result = run("search", keyring, type, description);
        return result.exitStatus() == 0
                ? Optional.of(Integer.parseInt(result.stdout().trim()))
                : Optional.empty();
    }

    /** Returns the descriptions of the keys linked in a keyring, sorted, with their serial numbers. */
    Map<String, Integer> list(int keyring) {
        Map<String, Integer> keys = new TreeMap<>();
        CommandResult result = run("rlist", String.valueOf(keyring));
        if (result.exitStatus() != 0) {
            return keys;
        }
        for (String serial : result.stdout().trim().split("\\s+")) {
            if (!serial.isEmpty()) {
                keys.put(describe(Integer.parseInt(serial)), Integer.parseInt(serial));
            }
        }
        return keys;
    }

    /** Returns a key's description, as {@code keyctl rdescribe} prints it after the type, ids and permissions. */
    String describe(int key) {
        CommandResult result = run("rdescribe", String.valueOf(key));
        assertEquals(result.describe(), 0, result.exitStatus());
        String[] fields = result.stdout().trim().split(";", 5);
        return fields[fields.length - 1];
    }

    /** Returns what {@code keyctl print} shows for a key: its payload as text, or as hex when it is not printable. */
    CommandResult print(int key) {
        return run("print", String.valueOf(key));
    }

    /** Returns the output of {@code keyctl show KEYRING}, for failure messages. */
    String show(String keyring) {
        CommandResult result = run("show", keyring);
        return result.stdout() + result.stderr();
    }

    /** Invalidates every key below a keyring, then the keyring. Errors on keys that are gone are ignored. */
    void invalidateTree(int keyring) {
        for (int key : list(keyring).values()) {
            run("invalidate", String.valueOf(key));
        }
        run("invalidate", String.valueOf(keyring));
    }

    CommandResult run(String... arguments) {
        List<String> command = new ArrayList<>(prefix);
        command.add(KEYCTL.toString());
        command.addAll(Arrays.asList(arguments));
        return Commands.run(Map.of(), command);
    }
}
