package io.keyport.crypto.internal;

import io.keyport.api.crypto.TransferSession;

/** One Secret Service transfer algorithm, as {@link SecretServiceTransferAlgorithms} dispatches to it by name. */
interface TransferAlgorithm {

    /** Returns the algorithm name that clients send to {@code OpenSession}. */
    String name();

    /**
     * Opens a session from the client's input.
     *
     * @throws io.keyport.api.crypto.InvalidTransferInputException if the input is malformed for this algorithm
     */
    TransferSession open(byte[] input);
}
