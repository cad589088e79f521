package io.keyport.storage.file.internal;

import io.keyport.api.crypto.Argon2idParameters;
import java.nio.file.Path;

/**
 * The settings of one file store instance.
 *
 * @param name the engine instance name
 * @param directory the store directory
 * @param createsCollections whether Secret Service CreateCollection may create collections here
 * @param argon2 the Argon2id costs for new collections and changed passphrases
 * @param autolockSeconds the idle time after which an unlocked collection locks itself; 0 turns this off
 * @param compactionMinimumBytes the journal length below which no compaction runs
 */
record FileStoreSettings(
        String name,
        Path directory,
        boolean createsCollections,
        Argon2idParameters argon2,
        long autolockSeconds,
        long compactionMinimumBytes) {

    /**
     * The default compaction minimum. Below it a journal is small enough to read at once, and compacting it would
     * only add writes.
     */
    static final long DEFAULT_COMPACTION_MINIMUM_BYTES = 64 * 1024;

    FileStoreSettings {
        if (autolockSeconds < 0) {
            throw new IllegalArgumentException("autolock.seconds must be 0 (off) or positive, not " + autolockSeconds);
        }
    }
}
