package io.keyport.storage.kdbx.internal;

import io.keyport.api.storage.StorageException;
import io.keyport.api.storage.WrongPassphraseException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * Opens the configured database: reads the key file, builds the composite key, runs the KDF and decrypts. Each
 * failure becomes the API exception for its cause, with a message that names the file and the fix.
 */
final class DatabaseLoader {

    private final KdbxSettings settings;
    private final SecureRandom random;

    DatabaseLoader(KdbxSettings settings, SecureRandom random) {
        this.settings = settings;
        this.random = random;
    }

    /**
     * Opens a snapshot with a passphrase. An empty passphrase with a key file is tried first as no password at all,
     * which is how KeePassXC stores key-file-only databases, and then as an empty password.
     *
     * @throws WrongPassphraseException if neither the passphrase nor the key file opens it
     * @throws StorageException if the file or key file cannot be read or needs more memory than allowed
     */
    OpenDatabase open(KdbxFile.Snapshot snapshot, byte[] passphrase) {
        KdbxReader.Header header = header(snapshot);
        byte[] keyFileKey = keyFileKey();
        List<byte[]> candidates = new ArrayList<>();
        if (passphrase.length == 0 && keyFileKey != null) {
            candidates.add(CompositeKey.of(null, keyFileKey));
        }
        candidates.add(CompositeKey.of(passphrase, keyFileKey));
        Bytes.wipe(keyFileKey);
        try {
            for (int i = 0; i < candidates.size(); i++) {
                byte[] compositeKey = candidates.get(i);
                byte[] transformedKey = transform(header.kdf(), compositeKey);
                try {
                    KdbxDatabase database = KdbxReader.decrypt(snapshot.bytes(), header, transformedKey);
                    candidates.set(i, null);
                    return open(database, compositeKey, transformedKey);
                } catch (KdbxException e) {
                    Bytes.wipe(transformedKey);
                    if (e.kind() != KdbxException.Kind.WRONG_KEY) {
                        throw failure(e);
                    }
                }
            }
            throw new WrongPassphraseException(
                    "The passphrase" + (settings.keyFile() == null ? "" : " and key file " + settings.keyFile())
                            + " do not open KDBX database " + settings.file());
        } finally {
            candidates.forEach(Bytes::wipe);
        }
    }

    /**
     * Opens a newer snapshot with the keys of an open database, running the KDF only if the file's KDF parameters
     * changed. The caller keeps {@code current} and wipes it when the new one replaces it.
     *
     * @throws WrongPassphraseException if the database's key was changed by another program
     */
    OpenDatabase reopen(KdbxFile.Snapshot snapshot, OpenDatabase current) {
        KdbxReader.Header header = header(snapshot);
        byte[] compositeKey = current.compositeKey().clone();
        byte[] transformedKey = header.kdf().sameAs(current.database().kdf())
                ? current.transformedKey().clone()
                : transform(header.kdf(), compositeKey);
        try {
            KdbxDatabase database = KdbxReader.decrypt(snapshot.bytes(), header, transformedKey);
            return open(database, compositeKey, transformedKey);
        } catch (KdbxException e) {
            Bytes.wipe(compositeKey, transformedKey);
            if (e.kind() == KdbxException.Kind.WRONG_KEY) {
                throw new WrongPassphraseException("KDBX database " + settings.file() + " was saved by another"
                        + " program with a different passphrase or key file; unlock it again");
            }
            throw failure(e);
        } catch (RuntimeException e) {
            Bytes.wipe(compositeKey, transformedKey);
            throw e;
        }
    }

    /** Encodes an open database for saving; no KDF runs. */
    byte[] encode(OpenDatabase open) {
        try {
            return KdbxWriter.write(open.database(), open.transformedKey(), random);
        } catch (KdbxException e) {
            throw failure(e);
        }
    }

    StorageException failure(KdbxException e) {
        String file = settings.file().toString();
        return switch (e.kind()) {
            case WRONG_KEY -> new WrongPassphraseException("The key does not open KDBX database " + file);
            case MALFORMED -> new StorageException("KDBX database " + file + " cannot be read: " + e.getMessage(), e);
            case UNSUPPORTED ->
                new StorageException("KDBX database " + file + " cannot be opened: " + e.getMessage(), e);
            case RESOURCE_LIMIT ->
                new StorageException("KDBX database " + file + " exceeds a resource limit: " + e.getMessage(), e);
        };
    }

    private OpenDatabase open(KdbxDatabase database, byte[] compositeKey, byte[] transformedKey) {
        Element exposed;
        try {
            exposed = new GroupTree(database).exposedGroup(settings.group());
        } catch (KdbxException e) {
            database.wipe();
            Bytes.wipe(compositeKey, transformedKey);
            throw failure(e);
        }
        if (exposed == null) {
            database.wipe();
            Bytes.wipe(compositeKey, transformedKey);
            throw new StorageException("KDBX database " + settings.file() + " has no group " + settings.group()
                    + "; set the engine's group property to an existing group path or UUID, or leave it empty");
        }
        return new OpenDatabase(database, compositeKey, transformedKey, exposed, random);
    }

    private KdbxReader.Header header(KdbxFile.Snapshot snapshot) {
        try {
            return KdbxReader.readHeader(snapshot.bytes());
        } catch (KdbxException e) {
            throw failure(e);
        }
    }

    private byte[] transform(KdfParameters kdf, byte[] compositeKey) {
        try {
            return KeyTransform.transform(kdf, compositeKey, settings.maxKdfMemoryMiB());
        } catch (KdbxException e) {
            throw failure(e);
        }
    }

    private byte[] keyFileKey() {
        if (settings.keyFile() == null) {
            return null;
        }
        try {
            return KeyFile.read(settings.keyFile());
        } catch (NoSuchFileException e) {
            throw new StorageException("Key file " + settings.keyFile() + " of KDBX database " + settings.file()
                    + " does not exist; fix the engine's keyfile property");
        } catch (IOException e) {
            throw new StorageException("Key file " + settings.keyFile() + " cannot be read: " + e, e);
        } catch (KdbxException e) {
            throw new StorageException("Key file " + settings.keyFile() + " is invalid: " + e.getMessage(), e);
        }
    }
}
