package io.keyport.storage.file.internal;

import io.keyport.api.storage.StorageException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends framed records to a collection file with group commit: {@link #append} writes without forcing, and
 * {@link #awaitDurable} forces once for every append that came before, so concurrent writers share one fsync.
 *
 * <p>After a failed fsync the writer rejects all further writes, because the kernel may have dropped the dirty
 * pages and a retried fsync would report success for data that is gone.
 */
final class JournalWriter implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);

    private final StoreDirectory directory;
    private final Path file;
    private final Object appendLock = new Object();
    private final Object syncLock = new Object();

    private FileChannel channel;
    private long size;
    private long appended;
    private long durable;
    private String failure;

    /** Opens {@code file} for appending after its first {@code validLength} bytes. */
    JournalWriter(StoreDirectory directory, Path file, long validLength) throws IOException {
        this.directory = directory;
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE);
        this.size = validLength;
    }

    Path file() {
        return file;
    }

    /** Returns the file length including appends that are not yet durable. */
    long size() {
        synchronized (appendLock) {
            return size;
        }
    }

    /**
     * Writes a framed record at the end of the file without forcing it.
     *
     * @return the sequence number to pass to {@link #awaitDurable}
     * @throws StorageException if the write failed; the file is then cut back to its previous length
     */
    long append(byte[] frame) {
        synchronized (appendLock) {
            checkUsable();
            long start = size;
            try {
                ByteBuffer buffer = ByteBuffer.wrap(frame);
                long position = start;
                while (buffer.hasRemaining()) {
                    position += channel.write(buffer, position);
                }
            } catch (IOException e) {
                undoPartialAppend(start, e);
                throw new StorageException("Could not append to collection file " + file + ": " + e, e);
            }
            size = start + frame.length;
            return ++appended;
        }
    }

    /**
     * Returns once the append with {@code sequence} and all before it are on disk, forcing the file if no other
     * thread did so since.
     *
     * @throws StorageException if the fsync failed
     */
    void awaitDurable(long sequence) {
        synchronized (syncLock) {
            if (durable >= sequence) {
                return;
            }
            long target;
            FileChannel current;
            synchronized (appendLock) {
                checkUsable();
                target = appended;
                current = channel;
            }
            try {
                current.force(false);
            } catch (IOException e) {
                fail("fsync failed: " + e);
                throw new StorageException("Could not write collection file " + file + " to disk: " + e, e);
            }
            durable = target;
        }
    }

    /**
     * Replaces the whole file atomically with new content, such as a compacted journal, and appends after it from
     * then on. The caller must own the collection's monitor, so no append runs meanwhile.
     *
     * @throws StorageException if the new file could not be written; the old one is then still in place
     */
    void replace(StoreDirectory.ContentWriter content) {
        synchronized (syncLock) {
            synchronized (appendLock) {
                checkUsable();
                try {
                    channel.force(false);
                    directory.writeAtomically(file.getFileName().toString(), content);
                } catch (IOException e) {
                    throw new StorageException("Could not rewrite collection file " + file + ": " + e, e);
                }
                try {
                    channel.close();
                    channel = FileChannel.open(file, StandardOpenOption.WRITE);
                    size = channel.size();
                } catch (IOException e) {
                    fail("reopening after a rewrite failed: " + e);
                    throw new StorageException("Could not reopen collection file " + file + ": " + e, e);
                }
                durable = appended;
            }
        }
    }

    /** Forces pending appends to disk and closes the file. */
    @Override
    public void close() {
        synchronized (syncLock) {
            synchronized (appendLock) {
                if (channel == null) {
                    return;
                }
                try {
                    if (failure == null) {
                        channel.force(false);
                    }
                    durable = appended;
                    channel.close();
                } catch (IOException e) {
                    LOG.error("Could not write collection file {} to disk while closing it", file, e);
                } finally {
                    channel = null;
                    if (failure == null) {
                        failure = "it is closed";
                    }
                }
            }
        }
    }

    private void undoPartialAppend(long start, IOException cause) {
        try {
            channel.truncate(start);
        } catch (IOException e) {
            fail("a partial append could not be cut off: " + e);
            LOG.error("Could not cut a partial append off collection file {} at offset {}", file, start, e);
            return;
        }
        LOG.warn(
                "An append to collection file {} failed and was cut off at offset {}: {}",
                file,
                start,
                cause.toString());
    }

    private void fail(String reason) {
        synchronized (appendLock) {
            failure = reason;
        }
        LOG.error("Collection file {} accepts no more writes until Keyport restarts, because {}", file, reason);
    }

    private void checkUsable() {
        if (failure != null) {
            throw new StorageException("Collection file " + file + " accepts no more writes, because " + failure
                    + "; restart Keyport to reopen it");
        }
    }
}
