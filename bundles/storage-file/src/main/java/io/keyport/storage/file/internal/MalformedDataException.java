package io.keyport.storage.file.internal;

/**
 * Bytes that do not follow the file format. Readers catch it and raise a {@link
 * io.keyport.api.storage.StorageException} that names the file, because only they know which file it was.
 */
final class MalformedDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MalformedDataException(String message) {
        super(message);
    }
}
