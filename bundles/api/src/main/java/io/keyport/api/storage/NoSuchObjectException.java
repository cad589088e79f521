package io.keyport.api.storage;

/** The collection or item does not exist, or no longer exists. */
public class NoSuchObjectException extends StorageException {

    private static final long serialVersionUID = 1L;

    public NoSuchObjectException(String message) {
        super(message);
    }
}
