package io.keyport.storage.file.internal;

import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Locks the collections of one engine that no caller used for the configured idle time. */
final class IdleLocker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IdleLocker.class);

    private final ScheduledExecutorService executor;

    IdleLocker(String engineName, long idleSeconds, Supplier<Collection<FileStorageCollection>> collections) {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "keyport-file-autolock-" + engineName);
            thread.setDaemon(true);
            return thread;
        });
        // Checking ten times per idle period locks at most 10 % late; the period stays within 1 s and 60 s.
        long periodMillis = Math.max(1000, Math.min(60_000, idleSeconds * 100));
        long idleNanos = TimeUnit.SECONDS.toNanos(idleSeconds);
        executor.scheduleWithFixedDelay(
                () -> lockIdle(collections.get(), idleNanos, idleSeconds),
                periodMillis,
                periodMillis,
                TimeUnit.MILLISECONDS);
    }

    private static void lockIdle(Collection<FileStorageCollection> collections, long idleNanos, long idleSeconds) {
        for (FileStorageCollection collection : collections) {
            try {
                collection.lockIfIdle(idleNanos, idleSeconds);
            } catch (RuntimeException e) {
                // A periodic task that throws is never run again, so one failing collection must not stop the rest.
                LOG.warn("Could not lock idle collection {}", collection.id(), e);
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
