package io.keyport.storage.kdbx.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database file on disk. Reads return the bytes with the file's state; {@link #replace} writes a temporary file
 * beside it, forces it to disk and renames it over the database, but only while the database is still in the state
 * this engine last saw, so a save by another program is never overwritten.
 */
final class KdbxFile {

    private static final Logger LOG = LoggerFactory.getLogger(KdbxFile.class);

    private static final String TEMPORARY_SUFFIX = ".keyport-tmp";
    private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    /** Size, modification time and file key (device and inode) of a file, with its SHA-256 when known. */
    record State(long size, long modifiedNanos, Object fileKey, byte[] sha256) {

        boolean sameStat(State other) {
            return other != null
                    && size == other.size
                    && modifiedNanos == other.modifiedNanos
                    && Objects.equals(fileKey, other.fileKey);
        }

        long modifiedSeconds() {
            return Math.floorDiv(modifiedNanos, 1_000_000_000L);
        }
    }

    /** A file's bytes and the state they were read in. */
    record Snapshot(byte[] bytes, State state) {}

    /** The file is no longer in the state this engine last saw. */
    static final class ChangedOnDiskException extends Exception {
        private static final long serialVersionUID = 1L;

        ChangedOnDiskException() {
            super("the database file changed on disk", null, false, false);
        }
    }

    private final Path path;
    private final SecureRandom random;

    KdbxFile(Path path, SecureRandom random) {
        this.path = path.toAbsolutePath().normalize();
        this.random = random;
    }

    Path path() {
        return path;
    }

    Snapshot read() throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        State stat = stat();
        return new Snapshot(bytes, new State(stat.size(), stat.modifiedNanos(), stat.fileKey(), Bytes.sha256(bytes)));
    }

    /** Returns the file's state without its hash. */
    State stat() throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        return new State(
                attributes.size(),
                attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
                attributes.fileKey(),
                null);
    }

    /** Returns whether the file still has the content of {@code known}: equal stat, or else equal hash. */
    boolean unchangedSince(State known) throws IOException {
        State current;
        try {
            current = stat();
        } catch (NoSuchFileException e) {
            return false;
        }
        if (!current.sameStat(known)) {
            return false;
        }
        // Equal size and time can hide a rewrite within one clock tick, so the content decides.
        return known.sha256() != null && MessageDigest.isEqual(known.sha256(), Bytes.sha256(Files.readAllBytes(path)));
    }

    /**
     * Replaces the file with new content while it is unchanged since {@code expected}.
     *
     * @throws ChangedOnDiskException if another program changed or removed the file; nothing was written
     * @throws IOException if writing failed; the old file is intact
     */
    State replace(byte[] content, State expected) throws IOException, ChangedOnDiskException {
        Path target = Files.isSymbolicLink(path) ? path.toRealPath() : path;
        Path directory = target.getParent();
        Path temporary = directory.resolve(
                "." + target.getFileName() + "." + Long.toHexString(random.nextLong()) + TEMPORARY_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(
                    temporary, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), FILE_MODE)) {
                OutputStream output = Channels.newOutputStream(channel);
                output.write(content);
                output.flush();
                channel.force(true);
            }
            if (!unchangedSince(expected)) {
                throw new ChangedOnDiskException();
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | ChangedOnDiskException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        syncDirectory(directory);
        State stat = stat();
        return new State(stat.size(), stat.modifiedNanos(), stat.fileKey(), Bytes.sha256(content));
    }

    /** Deletes temporary files that an interrupted save left beside the database. */
    void removeTemporaryFiles() {
        Path directory = path.getParent();
        String glob = "." + path.getFileName() + ".*" + TEMPORARY_SUFFIX;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, glob)) {
            for (Path file : stream) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(file);
                    LOG.warn("Removed {}, a temporary file that an interrupted save left", file);
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not remove temporary files beside {}", path, e);
        }
    }

    /** Forces the directory entry to disk, which makes the rename durable. */
    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
