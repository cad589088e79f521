package io.keyport.api.crypto;

/**
 * Thrown when a client's {@code OpenSession} input is malformed for the requested algorithm: non-empty input for
 * {@link TransferAlgorithms#PLAIN}, or a Diffie-Hellman public key of the wrong length or outside [2, p - 2]. The
 * exporter reports it as {@code org.freedesktop.DBus.Error.InvalidArgs}.
 *
 * <p>The message states which rule the input broke and never contains the input bytes.
 */
public class InvalidTransferInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the rule that the input broke, without the input bytes
     */
    public InvalidTransferInputException(String message) {
        super(message);
    }
}
