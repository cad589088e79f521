package io.keyport.crypto.internal;

import io.keyport.api.crypto.EncryptedSecret;
import io.keyport.api.crypto.InvalidSecretEncodingException;
import io.keyport.api.crypto.TransferAlgorithms;
import io.keyport.api.crypto.TransferSession;
import io.keyport.api.secret.SecretValue;
import java.util.Arrays;
import java.util.Objects;

/** A {@code plain} session: secrets pass unchanged, with empty parameters. */
final class PlainTransferSession implements TransferSession {

    private static final byte[] EMPTY = new byte[0];

    private volatile boolean closed;

    @Override
    public String algorithm() {
        return TransferAlgorithms.PLAIN;
    }

    @Override
    public byte[] output() {
        return EMPTY.clone();
    }

    @Override
    public EncryptedSecret encrypt(SecretValue secret) {
        checkOpen();
        byte[] bytes = secret.copyBytes();
        try {
            return new EncryptedSecret(EMPTY, bytes, secret.contentType());
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    @Override
    public SecretValue decrypt(byte[] parameters, byte[] value, String contentType) {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(contentType, "contentType");
        checkOpen();

        if (parameters.length != 0) {
            throw new InvalidSecretEncodingException("Transfer algorithm 'plain' takes empty secret parameters, but "
                    + "the parameters have " + parameters.length + " bytes");
        }
        return SecretValue.copyOf(value, contentType);
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Transfer session is closed");
        }
    }
}
