package io.keyport.api.storage;

/**
 * The passphrase does not open the collection. Engines raise it only when they can tell a wrong
 * passphrase from corrupt data, which gets a plain {@link StorageException}.
 */
public class WrongPassphraseException extends StorageException {

    private static final long serialVersionUID = 1L;

    public WrongPassphraseException(String message) {
        super(message);
    }
}
