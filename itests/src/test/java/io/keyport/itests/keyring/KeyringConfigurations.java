package io.keyport.itests.keyring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Configuration directories for {@code keyport run --config DIR} with one kernel keyring engine. */
final class KeyringConfigurations {

    private KeyringConfigurations() {}

    /**
     * Copies the distribution's {@code etc/} into {@code directory} and adds the factory configuration
     * {@code io.keyport.storage.keyring-NAME.cfg} with {@code properties}.
     */
    static Path write(Path directory, String name, Map<String, String> properties) {
        Path etc = Path.of(System.getProperty("keyport.tree"), "etc");
        try {
            Files.createDirectories(directory);
            try (Stream<Path> files = Files.list(etc)) {
                for (Path file : files.toList()) {
                    Files.copy(file, directory.resolve(file.getFileName()));
                }
            }
            StringBuilder text = new StringBuilder();
            new TreeMap<>(properties)
                    .forEach((key, value) ->
                            text.append(key).append('=').append(value).append('\n'));
            Files.writeString(directory.resolve("io.keyport.storage.keyring-" + name + ".cfg"), text);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the configuration directory " + directory, e);
        }
    }
}
