package io.keyport.bus.internal;

/** The bus cannot be reached and Keyport cannot start one of its own. The message names the fix. */
final class BusUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    BusUnavailableException(String message) {
        super(message);
    }

    BusUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
