package io.keyport.api.storage;

/** The collection is locked, so the operation needs an unlock first. */
public class LockedException extends StorageException {

    private static final long serialVersionUID = 1L;

    public LockedException(String message) {
        super(message);
    }
}
