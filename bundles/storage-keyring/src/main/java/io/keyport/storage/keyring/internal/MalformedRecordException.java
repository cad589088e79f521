package io.keyport.storage.keyring.internal;

/** A key payload that is not a valid Keyport record. The message names the problem, never a value. */
final class MalformedRecordException extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedRecordException(String message) {
        super(message);
    }
}
