package io.keyport.storage.file.internal;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Resolves a file store's directory from its configuration, the framework properties and the environment. */
final class DataDirectory {

    static final String DATA_DIR_PROPERTY = "keyport.data.dir";
    private static final String DATA_DIR_PLACEHOLDER = "${" + DATA_DIR_PROPERTY + "}";

    private DataDirectory() {}

    /**
     * Returns the store directory.
     *
     * @param configured the {@code directory} setting, possibly empty
     * @param name the engine name, the directory name when {@code configured} is empty
     * @param frameworkProperty looks up a framework property, returning {@code null} when unset
     * @param environment looks up an environment variable, returning {@code null} when unset
     */
    static Path resolve(
            String configured,
            String name,
            UnaryOperator<String> frameworkProperty,
            UnaryOperator<String> environment,
            String userHome) {
        Path base = dataDirectory(frameworkProperty, environment, userHome);
        if (configured == null || configured.isBlank()) {
            return base.resolve(name);
        }
        String expanded = configured.trim().replace(DATA_DIR_PLACEHOLDER, base.toString());
        return base.resolve(expanded).normalize();
    }

    private static Path dataDirectory(
            UnaryOperator<String> frameworkProperty, UnaryOperator<String> environment, String userHome) {
        String property = frameworkProperty.apply(DATA_DIR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property.trim()).toAbsolutePath();
        }
        // The XDG Base Directory specification treats a relative XDG_DATA_HOME as invalid and ignores it.
        String xdg = environment.apply("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "keyport");
        }
        return Path.of(userHome, ".local", "share", "keyport");
    }
}
