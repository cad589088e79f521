package io.keyport.bus.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.osgi.framework.BundleContext;

/** Keyport's per-user runtime directory, which holds the private bus socket and the control socket. */
final class RuntimeDirectory {

    static final String PROPERTY = "keyport.runtime.dir";

    private RuntimeDirectory() {}

    /**
     * Resolves the directory from the framework property the launcher sets, then from
     * {@code $XDG_RUNTIME_DIR/keyport}, and creates it with mode 0700 when it is missing.
     */
    static Path resolve(BundleContext context) throws IOException {
        String configured = context.getProperty(PROPERTY);
        Path directory;
        if (configured != null && !configured.isBlank()) {
            directory = Path.of(configured);
        } else {
            String xdg = System.getenv("XDG_RUNTIME_DIR");
            directory = xdg != null && !xdg.isBlank()
                    ? Path.of(xdg, "keyport")
                    : Path.of(System.getProperty("java.io.tmpdir"), "keyport-" + System.getProperty("user.name"));
        }
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(
                    directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return directory;
    }
}
