package io.keyport.storage.kdbx.internal;

/**
 * The composite key: SHA-256 over the SHA-256 of the passphrase's UTF-8 bytes and the key file's key, each part
 * present only when the user has it.
 */
final class CompositeKey {

    private CompositeKey() {}

    /**
     * Returns the 32-byte composite key.
     *
     * @param passphrase the passphrase bytes, or {@code null} for a database without a password
     * @param keyFileKey the key file's 32-byte key, or {@code null} without a key file
     */
    static byte[] of(byte[] passphrase, byte[] keyFileKey) {
        byte[] passphraseHash = passphrase == null ? new byte[0] : Bytes.sha256(passphrase);
        byte[] keyPart = keyFileKey == null ? new byte[0] : keyFileKey;
        try {
            return Bytes.sha256(passphraseHash, keyPart);
        } finally {
            Bytes.wipe(passphraseHash);
        }
    }
}
