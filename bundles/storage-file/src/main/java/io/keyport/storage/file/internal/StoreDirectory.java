package io.keyport.storage.file.internal;

import io.keyport.api.storage.StorageException;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory of one file store: created with mode 0700, locked against a second Keyport for as long as this
 * object is open, and the place where files are replaced atomically.
 */
final class StoreDirectory implements Closeable {

    /** How long opening a store waits for another Keyport to release it. */
    static final long LOCK_WAIT_MILLIS = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(StoreDirectory.class);

    static final FileAttribute<Set<PosixFilePermission>> FILE_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");

    /** Writes the content of a new file. */
    @FunctionalInterface
    interface ContentWriter {
        void write(OutputStream output) throws IOException;
    }

    /*
     * Directories locked by this process. Closing any channel to a file drops every POSIX lock the process holds
     * on it, so a second store in this process must be turned away before it opens the lock file.
     */
    private static final Set<Path> LOCKED_HERE = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private StoreDirectory(Path path, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates the directory if needed, restricts it to its owner and takes the store lock.
     *
     * @throws StorageException if the directory cannot be created or another process holds the lock
     */
    static StoreDirectory open(Path path) {
        Path directory = path.toAbsolutePath().normalize();
        try {
            createPrivateDirectory(directory);
            directory = directory.toRealPath();
        } catch (IOException e) {
            throw new StorageException("Could not create the file store directory " + directory + ": " + e, e);
        }

        Path lockFile = directory.resolve(FileFormat.LOCK_FILE);
        if (!LOCKED_HERE.add(directory)) {
            throw anotherKeyport(directory, lockFile, null);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(
                    lockFile, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), FILE_MODE);
            FileLock lock = tryLockFor(channel, LOCK_WAIT_MILLIS);
            if (lock == null) {
                throw anotherKeyport(directory, lockFile, null);
            }
            return new StoreDirectory(directory, channel, lock);
        } catch (OverlappingFileLockException e) {
            LOCKED_HERE.remove(directory);
            closeQuietly(channel);
            throw anotherKeyport(directory, lockFile, e);
        } catch (IOException e) {
            LOCKED_HERE.remove(directory);
            closeQuietly(channel);
            throw new StorageException(
                    "Could not lock the file store directory " + directory + " with " + lockFile + ": " + e, e);
        } catch (StorageException e) {
            LOCKED_HERE.remove(directory);
            closeQuietly(channel);
            throw e;
        }
    }

    Path path() {
        return path;
    }

    Path resolve(String name) {
        return path.resolve(name);
    }

    /**
     * Writes a file under a temporary name, forces it to disk and renames it over {@code name}, so that a crash
     * leaves either the old or the new file, never a mix.
     */
    void writeAtomically(String name, ContentWriter content) throws IOException {
        Path target = path.resolve(name);
        Path temporary = path.resolve(name + FileFormat.TEMPORARY_SUFFIX);
        Files.deleteIfExists(temporary);
        try (FileChannel channel = FileChannel.open(
                temporary, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), FILE_MODE)) {
            OutputStream output = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            content.write(output);
            output.flush();
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        sync();
    }

    /** Forces the directory entries to disk, which makes a create, rename or delete in it durable. */
    void sync() throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Releases the store lock. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            LOG.warn("Could not release the lock on file store {}", path, e);
        }
        closeQuietly(lockChannel);
        LOCKED_HERE.remove(path);
    }

    private static void createPrivateDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_PERMISSIONS));
            LOG.info("Created file store directory {}", directory);
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
        if (!permissions.equals(DIRECTORY_PERMISSIONS)) {
            Files.setPosixFilePermissions(directory, DIRECTORY_PERMISSIONS);
            LOG.warn(
                    "Changed the mode of file store directory {} from {} to rwx------, so only its owner can read it",
                    directory,
                    PosixFilePermissions.toString(permissions));
        }
    }

    private static StorageException anotherKeyport(Path directory, Path lockFile, Throwable cause) {
        String message = "Another Keyport is using the file store in " + directory + " (it holds the lock on "
                + lockFile + "). Stop that Keyport, or configure a different directory for this store.";
        return cause == null ? new StorageException(message) : new StorageException(message, cause);
    }

    /**
     * Tries to lock for a while: a Keyport started with --replace takes the bus name first, and the Keyport it
     * replaces releases the lock only as it stops, moments later.
     */
    private static FileLock tryLockFor(FileChannel channel, long millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null || System.nanoTime() > deadline) {
                return lock;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Could not close {}", channel, e);
        }
    }
}
