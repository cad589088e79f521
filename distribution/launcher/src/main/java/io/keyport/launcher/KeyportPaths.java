package io.keyport.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Where Keyport keeps its runtime state (sockets, framework cache) and its data. */
record KeyportPaths(Path home, Path runtime, Path data) {

    static KeyportPaths of(Path home) {
        String user = System.getProperty("user.name", "user");
        String xdgRuntime = System.getenv("XDG_RUNTIME_DIR");
        Path runtime = xdgRuntime != null && !xdgRuntime.isBlank()
                ? Path.of(xdgRuntime, "keyport")
                : Path.of(System.getProperty("java.io.tmpdir"), "keyport-" + user);
        String xdgData = System.getenv("XDG_DATA_HOME");
        Path data = xdgData != null && !xdgData.isBlank()
                ? Path.of(xdgData, "keyport")
                : Path.of(System.getProperty("user.home"), ".local", "share", "keyport");
        return new KeyportPaths(home, runtime, data);
    }

    Path controlSocket() {
        return runtime.resolve("control");
    }

    /** Creates {@code directory} and its missing parents; the last one gets mode 0700. */
    static Path createPrivateDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory.getParent());
            Files.createDirectories(
                    directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return directory;
    }
}
