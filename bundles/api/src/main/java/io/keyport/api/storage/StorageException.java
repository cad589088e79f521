package io.keyport.api.storage;

/**
 * An engine operation failed for a reason other than those with their own subclass, such as an I/O
 * error or corrupt stored data. The message names the operation and the file or key involved, never a
 * secret, label or attribute value.
 */
public class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
