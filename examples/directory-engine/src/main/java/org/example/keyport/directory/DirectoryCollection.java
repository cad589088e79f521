package org.example.keyport.directory;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.LockedException;
import io.keyport.api.storage.NoSuchObjectException;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageException;
import io.keyport.api.storage.StorageItem;
import io.keyport.api.storage.StorageListeners;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files of a directory as a read-only collection, listed anew on every call, so files that appear or go
 * away show at once. An item's id is {@code f} and the hex of its file name's UTF-8 bytes, which keeps ids to
 * letters and digits and the same across restarts. Locking needs no passphrase: it keeps clients out until they
 * unlock it.
 */
final class DirectoryCollection implements StorageCollection {

    static final long DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

    private static final HexFormat HEX = HexFormat.of();

    private final String id;
    private final String label;
    private final Path directory;
    private final long maxFileBytes;
    private final StorageListeners events;
    private final long created = Instant.now().getEpochSecond();
    private volatile boolean locked;

    DirectoryCollection(
            String id, String label, Path directory, long maxFileBytes, StorageListeners events) {
        this.id = id;
        this.label = label;
        this.directory = directory;
        this.maxFileBytes = maxFileBytes;
        this.events = events;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void setLabel(String newLabel) {
        throw new UnsupportedOperationException("The label of collection " + id + " comes from the configuration");
    }

    @Override
    public long created() {
        return created;
    }

    @Override
    public long modified() {
        try {
            return Files.getLastModifiedTime(directory).toInstant().getEpochSecond();
        } catch (IOException e) {
            return created;
        }
    }

    @Override
    public boolean isLocked() {
        return locked;
    }

    @Override
    public boolean needsPassphrase() {
        return false;
    }

    @Override
    public void unlock(SecretValue passphrase) {
        setLocked(false);
    }

    @Override
    public void lock() {
        setLocked(true);
    }

    @Override
    public List<String> itemIds() {
        return fileNames().stream().map(DirectoryCollection::itemId).toList();
    }

    /** Matches the attribute {@code file} only, since that is every item's only attribute. */
    @Override
    public List<String> search(Map<String, String> attributes) {
        return fileNames().stream()
                .filter(name -> Map.of(DirectoryItem.FILE_ATTRIBUTE, name).entrySet().containsAll(attributes.entrySet()))
                .map(DirectoryCollection::itemId)
                .toList();
    }

    @Override
    public StorageItem item(String itemId) {
        String name = fileName(itemId);
        if (name == null || !isServed(name)) {
            throw new NoSuchObjectException("No item " + itemId + " in collection " + id);
        }
        return new DirectoryItem(this, itemId, name);
    }

    @Override
    public StorageItem createItem(String itemLabel, Map<String, String> attributes, SecretValue secret, boolean replace) {
        requireUnlocked();
        throw readOnly();
    }

    @Override
    public void delete() {
        throw readOnly();
    }

    void requireUnlocked() {
        if (locked) {
            throw new LockedException("Collection " + id + " is locked");
        }
    }

    boolean isServed(String name) {
        Path file = directory.resolve(name);
        return file.getParent().equals(directory)
                && !name.startsWith(".")
                && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** Reads a file's content; the message of a failure names the file, never its content. */
    byte[] read(String name) {
        Path file = directory.resolve(name);
        try {
            long size = Files.size(file);
            if (size > maxFileBytes) {
                throw new StorageException("File " + file + " has " + size + " bytes, more than max.file.bytes ("
                        + maxFileBytes + ")");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StorageException("Could not read " + file, e);
        }
    }

    long lastModified(String name) {
        try {
            return Files.getLastModifiedTime(directory.resolve(name)).toInstant().getEpochSecond();
        } catch (IOException e) {
            return created;
        }
    }

    UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("Collection " + id + " serves the files of " + directory
                + " read-only; change the files there instead");
    }

    private List<String> fileNames() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(this::isServed)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new StorageException("Could not list " + directory, e);
        }
    }

    private void setLocked(boolean newState) {
        synchronized (this) {
            if (locked == newState) {
                return;
            }
            locked = newState;
        }
        events.collectionChanged(id);
    }

    private static String itemId(String fileName) {
        return "f" + HEX.formatHex(fileName.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the file name of an item id, or {@code null} when the id is not one of this engine's. */
    private static String fileName(String itemId) {
        if (itemId.length() < 3 || itemId.charAt(0) != 'f' || itemId.length() % 2 == 0) {
            return null;
        }
        try {
            return new String(HEX.parseHex(itemId, 1, itemId.length()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
