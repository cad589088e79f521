package io.keyport.storage.file.internal;

import io.keyport.api.crypto.Aead;
import io.keyport.api.crypto.Argon2idParameters;
import io.keyport.api.crypto.InvalidCiphertextException;
import io.keyport.api.crypto.KeyDerivation;
import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.WrongPassphraseException;
import java.util.Arrays;

/** Wraps and unwraps a collection's data key under a key that Argon2id derives from the passphrase. */
final class PassphraseKeys {

    private final KeyDerivation kdf;
    private final Aead aead;

    PassphraseKeys(KeyDerivation kdf, Aead aead) {
        this.kdf = kdf;
        this.aead = aead;
    }

    /** Seals {@code dataKey} for a header that has every field but the wrapped key. */
    byte[] wrap(SecretValue passphrase, CollectionHeader header, byte[] dataKey) {
        byte[] wrappingKey = derive(passphrase, header.salt(), header.argon2());
        try {
            return aead.encrypt(wrappingKey, dataKey, header.wrappingAssociatedData());
        } finally {
            Arrays.fill(wrappingKey, (byte) 0);
        }
    }

    /**
     * Returns the data key of a collection. The header passed its CRC32C check, so a tag that does not verify
     * means the passphrase is wrong rather than the file damaged.
     */
    byte[] unwrap(SecretValue passphrase, CollectionHeader header) {
        byte[] wrappingKey = derive(passphrase, header.salt(), header.argon2());
        try {
            return aead.decrypt(wrappingKey, header.wrappedKey(), header.wrappingAssociatedData());
        } catch (InvalidCiphertextException e) {
            throw new WrongPassphraseException("The passphrase does not unlock collection " + header.id());
        } finally {
            Arrays.fill(wrappingKey, (byte) 0);
        }
    }

    /**
     * Returns a header whose wrapped key is the same data key under a key derived from {@code newPassphrase}, so no
     * item needs encrypting again.
     *
     * @throws WrongPassphraseException if {@code currentPassphrase} does not unwrap the key in {@code header}
     */
    CollectionHeader rewrap(
            SecretValue currentPassphrase,
            SecretValue newPassphrase,
            CollectionHeader header,
            Argon2idParameters argon2,
            byte[] salt) {
        byte[] dataKey = unwrap(currentPassphrase, header);
        try {
            CollectionHeader draft = header.withKey(argon2, salt, new byte[FileFormat.WRAPPED_KEY_LENGTH]);
            return header.withKey(argon2, salt, wrap(newPassphrase, draft, dataKey));
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private byte[] derive(SecretValue passphrase, byte[] salt, Argon2idParameters argon2) {
        byte[] password = passphrase.copyBytes();
        try {
            return kdf.argon2id(password, salt, argon2, FileFormat.KEY_LENGTH);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }
}
