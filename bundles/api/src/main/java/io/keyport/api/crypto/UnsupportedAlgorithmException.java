package io.keyport.api.crypto;

/**
 * Thrown when a client requests a transfer algorithm that {@link TransferAlgorithms} does not implement. The
 * exporter reports it as {@code org.freedesktop.DBus.Error.NotSupported}.
 */
public class UnsupportedAlgorithmException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String algorithm;

    /**
     * Creates the exception for an algorithm name.
     *
     * @param algorithm the requested name, which the client chose and is not secret
     * @param message a description that names the supported algorithms
     */
    public UnsupportedAlgorithmException(String algorithm, String message) {
        super(message);
        this.algorithm = algorithm;
    }

    /**
     * Returns the algorithm name that the client requested.
     *
     * @return the requested name
     */
    public String algorithm() {
        return algorithm;
    }
}
