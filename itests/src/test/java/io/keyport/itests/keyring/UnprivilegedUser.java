package io.keyport.itests.keyring;

import static org.junit.Assume.assumeTrue;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The user {@code nobody}, under which a test runs the whole stack (bus, Keyport, clients) so that it meets the small
 * key quota of a non-root user without changing any sysctl. dbus-daemon needs a passwd entry for every user on the
 * bus, which rules out a spare numeric user id.
 */
final class UnprivilegedUser {

    static final long NOBODY = 65534;

    private UnprivilegedUser() {}

    /** Skips the test unless it runs as root and no process runs as {@code nobody}, whose key quota the test fills. */
    static void assumeAvailable() {
        assumeTrue("needs root to run processes as nobody", new UnixSystem().getUid() == 0);
        assumeTrue("a process runs as nobody, whose key quota this test would fill", !hasProcesses(NOBODY));
    }

    /** Returns the command prefix that runs a program as {@code uid} with no supplementary groups. */
    static List<String> setpriv(long uid) {
        return List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--");
    }

    /** Hands a directory tree to {@code uid}. */
    static void chown(Path root, long uid) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                Files.setAttribute(path, "unix:uid", (int) uid);
                Files.setAttribute(path, "unix:gid", (int) uid);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not hand " + root + " to user " + uid, e);
        }
    }

    private static boolean hasProcesses(long uid) {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(path -> path.getFileName().toString().matches("[0-9]+"))
                    .anyMatch(path -> {
                        try {
                            return Files.readString(path.resolve("status")).contains("\nUid:\t" + uid + "\t");
                        } catch (IOException e) {
                            return false;
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list /proc", e);
        }
    }
}
