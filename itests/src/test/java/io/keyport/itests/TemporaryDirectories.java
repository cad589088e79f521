package io.keyport.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Private (mode 0700) temporary directories under one root per JVM, which a shutdown hook deletes.
 *
 * <p>The root sits directly in {@code java.io.tmpdir}, so unix socket paths inside stay well under
 * the 108-byte limit of {@code sockaddr_un}.
 */
final class TemporaryDirectories {

    private static Path root;

    private TemporaryDirectories() {}

    /** Creates a new empty directory, mode 0700, whose name starts with {@code prefix}. */
    static Path create(String prefix) {
        try {
            return Files.createTempDirectory(
                    root(), prefix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory", e);
        }
    }

    /** Deletes {@code directory} and everything below it. A missing directory is not an error. */
    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + directory, e);
        }
    }

    private static synchronized Path root() throws IOException {
        if (root == null) {
            Path created = Files.createTempDirectory(
                    "keyport-itests-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(created), "keyport-itests-cleanup"));
            root = created;
        }
        return root;
    }

    private static void deleteQuietly(Path directory) {
        try {
            deleteRecursively(directory);
        } catch (UncheckedIOException e) {
            System.err.println("Could not delete " + directory + ": " + e.getCause());
        }
    }
}
