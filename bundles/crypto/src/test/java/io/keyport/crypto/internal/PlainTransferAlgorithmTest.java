package io.keyport.crypto.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.keyport.api.crypto.EncryptedSecret;
import io.keyport.api.crypto.InvalidSecretEncodingException;
import io.keyport.api.crypto.InvalidTransferInputException;
import io.keyport.api.crypto.TransferSession;
import io.keyport.api.secret.SecretValue;
import org.junit.Test;

public class PlainTransferAlgorithmTest {

    private static final byte[] PASSWORD = "correct horse battery staple".getBytes(UTF_8);

    private final PlainTransferAlgorithm algorithm = new PlainTransferAlgorithm();

    @Test
    public void openWithEmptyInput() {
        try (TransferSession session = algorithm.open(new byte[0])) {
            assertEquals("plain", session.algorithm());
            assertEquals(0, session.output().length);
        }
    }

    @Test
    public void nonEmptyInputRejected() {
        InvalidTransferInputException e =
                assertThrows(InvalidTransferInputException.class, () -> algorithm.open(new byte[] {0}));
        assertEquals("Transfer algorithm 'plain' takes empty input, but the input has 1 bytes", e.getMessage());
    }

    @Test
    public void encryptPassesSecretUnchanged() {
        try (TransferSession session = algorithm.open(new byte[0]);
                SecretValue secret = SecretValue.copyOf(PASSWORD, "text/plain; charset=utf8");
                EncryptedSecret encrypted = session.encrypt(secret)) {
            assertEquals(0, encrypted.parameters().length);
            assertArrayEquals(PASSWORD, encrypted.value());
            assertEquals("text/plain; charset=utf8", encrypted.contentType());
        }
    }

    @Test
    public void roundTrip() {
        try (TransferSession session = algorithm.open(new byte[0]);
                SecretValue secret = SecretValue.copyOf(PASSWORD, "text/plain");
                EncryptedSecret encrypted = session.encrypt(secret);
                SecretValue decrypted = session.decrypt(encrypted)) {
            assertArrayEquals(PASSWORD, decrypted.copyBytes());
            assertEquals("text/plain", decrypted.contentType());
        }
    }

    @Test
    public void decryptCopiesValue() {
        byte[] value = PASSWORD.clone();
        try (TransferSession session = algorithm.open(new byte[0]);
                SecretValue decrypted = session.decrypt(new byte[0], value, "text/plain")) {
            value[0] = 0;

            assertArrayEquals(PASSWORD, decrypted.copyBytes());
        }
    }

    @Test
    public void nonEmptyParametersRejected() {
        try (TransferSession session = algorithm.open(new byte[0])) {
            assertThrows(
                    InvalidSecretEncodingException.class, () -> session.decrypt(new byte[16], PASSWORD, "text/plain"));
        }
    }

    @Test
    public void closedSessionRejectsUse() {
        TransferSession session = algorithm.open(new byte[0]);
        session.close();

        try (SecretValue secret = SecretValue.copyOf(PASSWORD, "text/plain")) {
            assertThrows(IllegalStateException.class, () -> session.encrypt(secret));
        }
        assertThrows(IllegalStateException.class, () -> session.decrypt(new byte[0], PASSWORD, "text/plain"));
    }
}
