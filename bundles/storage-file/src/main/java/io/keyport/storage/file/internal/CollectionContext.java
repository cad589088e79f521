package io.keyport.storage.file.internal;

import io.keyport.api.crypto.Aead;
import io.keyport.api.crypto.Argon2idParameters;
import io.keyport.api.crypto.KeyDerivation;
import io.keyport.api.storage.StorageListeners;
import java.security.SecureRandom;
import java.util.function.Consumer;

/**
 * The services and settings that the collections of one engine share.
 *
 * @param argon2 the Argon2id costs for new collections and changed passphrases
 * @param compactionMinimumBytes the journal length below which no compaction runs, however much is dead
 * @param onDelete called when a collection deleted itself, so the engine drops it
 */
record CollectionContext(
        StoreDirectory directory,
        Aead aead,
        KeyDerivation kdf,
        SecureRandom random,
        StorageListeners events,
        Argon2idParameters argon2,
        long compactionMinimumBytes,
        Consumer<FileStorageCollection> onDelete) {

    PassphraseKeys passphraseKeys() {
        return new PassphraseKeys(kdf, aead);
    }

    byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
