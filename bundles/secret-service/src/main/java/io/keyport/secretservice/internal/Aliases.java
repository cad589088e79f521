package io.keyport.secretservice.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alias names and the collection ids they point at. Defaults come from configuration; SetAlias changes are
 * kept in a file in the data directory, so they survive a restart.
 */
final class Aliases {

    private static final Logger LOG = LoggerFactory.getLogger(Aliases.class);

    private final Map<String, String> targets = new TreeMap<>();
    private final Map<String, String> changes = new TreeMap<>();
    private final Path file;

    /**
     * @param defaults the configured targets, alias name to collection id, which the configuration check validated
     * @param file the file holding SetAlias changes, or {@code null} to keep them in memory only
     */
    Aliases(Map<String, String> defaults, Path file) {
        this.file = file;
        loadChanges();
        replaceDefaults(defaults);
    }

    /** Replaces the configured targets; SetAlias changes keep precedence over them. */
    synchronized void replaceDefaults(Map<String, String> defaults) {
        targets.clear();
        targets.putAll(defaults);
        targets.putAll(changes);
    }

    /** Returns every alias name, with a target or without. */
    synchronized Set<String> names() {
        return Set.copyOf(targets.keySet());
    }

    synchronized Optional<String> target(String name) {
        return Optional.ofNullable(targets.get(name)).filter(id -> !id.isEmpty());
    }

    /** Returns the names of the aliases that point at {@code collectionId}. */
    synchronized java.util.List<String> namesOf(String collectionId) {
        return targets.entrySet().stream()
                .filter(e -> e.getValue().equals(collectionId))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Points {@code name} at {@code collectionId}, or removes it when the id is empty, and saves. */
    synchronized void set(String name, String collectionId) {
        targets.put(name, collectionId);
        changes.put(name, collectionId);
        save();
    }

    private void loadChanges() {
        if (file == null || !Files.isRegularFile(file)) {
            return;
        }
        Properties stored = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            stored.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Could not read the aliases in {}, using the configured ones: {}", file, e.toString());
            return;
        }
        stored.stringPropertyNames().stream()
                .filter(ObjectPaths::isValidElement)
                .forEach(name -> changes.put(name, stored.getProperty(name)));
    }

    private void save() {
        if (file == null) {
            return;
        }
        Properties stored = new Properties();
        changes.forEach(stored::setProperty);
        try {
            Files.createDirectories(
                    file.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer writer = Files.newBufferedWriter(temporary)) {
                stored.store(writer, "Keyport aliases: NAME=COLLECTION_ID; an empty id removes the alias");
            }
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.error("Could not save the aliases to {}; the change holds until Keyport stops", file, e);
        }
    }
}
