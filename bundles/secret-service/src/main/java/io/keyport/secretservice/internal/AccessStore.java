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
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access records, kept in {@code access.properties} in the data directory: which program created each item
 * ({@code creator.PATH=SUBJECT}) and which programs the user allowed always ({@code grant.PATH|SUBJECT=always}).
 * Item attributes cannot hold this, because every client can read and change them.
 */
final class AccessStore {

    private static final Logger LOG = LoggerFactory.getLogger(AccessStore.class);
    private static final String CREATOR = "creator.";
    private static final String GRANT = "grant.";

    private final Properties records = new Properties();
    private final Path file;

    /** @param file the file to load and save, or {@code null} to keep records in memory only */
    AccessStore(Path file) {
        this.file = file;
        load();
    }

    synchronized Optional<String> creator(String itemPath) {
        return Optional.ofNullable(records.getProperty(CREATOR + itemPath));
    }

    /** Records the creator of an item unless one is recorded, so replacing an item keeps its first creator. */
    synchronized void recordCreator(String itemPath, String subject) {
        if (subject.isEmpty() || records.containsKey(CREATOR + itemPath)) {
            return;
        }
        records.setProperty(CREATOR + itemPath, subject);
        save();
    }

    /**
     * Records the creator of a new item or collection. Records left at the same path by an earlier object, such as
     * an item of an in-memory collection before a restart, are dropped with their grants and those of the items
     * below. An empty subject leaves the creator unknown.
     */
    synchronized void recordNewCreator(String path, String subject) {
        boolean changed = removeRecords(path);
        if (!subject.isEmpty()) {
            records.setProperty(CREATOR + path, subject);
            changed = true;
        }
        if (changed) {
            save();
        }
    }

    synchronized boolean isGranted(String itemPath, String subject) {
        return !subject.isEmpty() && records.containsKey(GRANT + itemPath + "|" + subject);
    }

    synchronized void grant(String itemPath, String subject) {
        if (subject.isEmpty()) {
            return;
        }
        records.setProperty(GRANT + itemPath + "|" + subject, "always");
        save();
    }

    /** Forgets the records of an item, or of every item under a collection path. */
    synchronized void forget(String path) {
        if (removeRecords(path)) {
            save();
        }
    }

    private boolean removeRecords(String path) {
        return records.keySet().removeIf(key -> {
            String name = key.toString();
            String rest = name.startsWith(CREATOR)
                    ? name.substring(CREATOR.length())
                    : name.startsWith(GRANT) ? name.substring(GRANT.length()) : "";
            return rest.equals(path) || rest.startsWith(path + "/") || rest.startsWith(path + "|");
        });
    }

    private void load() {
        if (file == null || !Files.isRegularFile(file)) {
            return;
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            records.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Could not read the access records in {}; starting without them: {}", file, e.toString());
        }
    }

    // NOTE: every change rewrites the whole file, so its cost grows with the number of items. A journal would
    // suit stores with many thousands.
    private void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(
                    file.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            Files.createFile(
                    temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(temporary)) {
                records.store(writer, "Keyport access records: item creators and programs allowed always");
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.error("Could not save the access records to {}; the change holds until Keyport stops", file, e);
        }
    }
}
