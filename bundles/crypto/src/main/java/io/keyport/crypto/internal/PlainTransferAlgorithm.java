package io.keyport.crypto.internal;

import io.keyport.api.crypto.InvalidTransferInputException;
import io.keyport.api.crypto.TransferAlgorithms;
import io.keyport.api.crypto.TransferSession;

/** The {@code plain} transfer algorithm, which takes no input and sends secrets unencrypted. */
final class PlainTransferAlgorithm implements TransferAlgorithm {

    @Override
    public String name() {
        return TransferAlgorithms.PLAIN;
    }

    @Override
    public TransferSession open(byte[] input) {
        if (input.length != 0) {
            throw new InvalidTransferInputException(
                    "Transfer algorithm 'plain' takes empty input, but the input has " + input.length + " bytes");
        }
        return new PlainTransferSession();
    }
}
