package io.keyport.storage.file.internal;

import io.keyport.api.crypto.Aead;
import io.keyport.api.crypto.Argon2idParameters;
import io.keyport.api.crypto.KeyDerivation;
import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageListeners;
import io.keyport.crypto.internal.BouncyCastleKeyDerivation;
import io.keyport.crypto.internal.JcaAesGcmAead;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;

/** Builds file stores for tests on the crypto bundle's classes, with Argon2id costs small enough to run fast. */
final class TestStores {

    /** 64 KiB and one pass: far too weak for real use, fast enough to derive thousands of times in a test. */
    static final Argon2idParameters FAST_ARGON2 = new Argon2idParameters(64, 1, 1);

    static final Aead AEAD = new JcaAesGcmAead();
    static final KeyDerivation KDF = new BouncyCastleKeyDerivation();

    private TestStores() {}

    static FileStorageEngine open(Path directory) {
        return open(directory, FileStoreSettings.DEFAULT_COMPACTION_MINIMUM_BYTES, 0);
    }

    static FileStorageEngine open(Path directory, long compactionMinimumBytes, long autolockSeconds) {
        return new FileStorageEngine(
                new FileStoreSettings("test", directory, true, FAST_ARGON2, autolockSeconds, compactionMinimumBytes),
                AEAD,
                KDF);
    }

    static SecretValue text(String text) {
        return SecretValue.copyOf(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf8");
    }

    static String text(SecretValue secret) {
        try (secret) {
            return new String(secret.copyBytes(), StandardCharsets.UTF_8);
        }
    }

    static CollectionContext context(StoreDirectory directory, long compactionMinimumBytes) {
        return new CollectionContext(
                directory,
                AEAD,
                KDF,
                new SecureRandom(),
                new StorageListeners((listener, event, collectionId, failure) -> {
                    throw failure;
                }),
                FAST_ARGON2,
                compactionMinimumBytes,
                collection -> {});
    }
}
