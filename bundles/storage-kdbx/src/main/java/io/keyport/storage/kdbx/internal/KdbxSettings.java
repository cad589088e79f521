package io.keyport.storage.kdbx.internal;

import java.nio.file.Path;

/**
 * One engine instance's configuration.
 *
 * @param name the engine name (keyport.engine.name)
 * @param file the KDBX database
 * @param keyFile the key file, or {@code null}
 * @param group the exposed group's path or UUID, or empty for KeePassXC's exposed group, else the root group
 * @param collectionId the collection id: ASCII letters, digits and {@code _}
 * @param collectionLabel the label, or empty for the database name, else the file name
 * @param maxKdfMemoryMiB the largest Argon2 memory a database may ask for, in MiB
 * @param pollMillis how often the file is checked for changes by other programs, in milliseconds; 0 turns it off
 */
record KdbxSettings(
        String name,
        Path file,
        Path keyFile,
        String group,
        String collectionId,
        String collectionLabel,
        long maxKdfMemoryMiB,
        long pollMillis) {

    static final long DEFAULT_MAX_KDF_MEMORY_MIB = 1024;
    static final long DEFAULT_POLL_MILLIS = 2000;
}
