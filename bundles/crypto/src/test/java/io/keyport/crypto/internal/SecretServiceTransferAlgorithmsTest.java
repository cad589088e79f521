package io.keyport.crypto.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.keyport.api.crypto.InvalidTransferInputException;
import io.keyport.api.crypto.TransferAlgorithms;
import io.keyport.api.crypto.TransferSession;
import io.keyport.api.crypto.UnsupportedAlgorithmException;
import java.util.Set;
import org.junit.Test;

public class SecretServiceTransferAlgorithmsTest {

    private final TransferAlgorithms algorithms = new SecretServiceTransferAlgorithms();

    @Test
    public void algorithmsAreSpecNames() {
        assertEquals(Set.of("plain", "dh-ietf1024-sha256-aes128-cbc-pkcs7"), algorithms.algorithms());
    }

    @Test
    public void algorithmsSetUnmodifiable() {
        assertThrows(
                UnsupportedOperationException.class,
                () -> algorithms.algorithms().add("other"));
    }

    @Test
    public void openPlain() {
        try (TransferSession session = algorithms.open(TransferAlgorithms.PLAIN, new byte[0])) {
            assertEquals(TransferAlgorithms.PLAIN, session.algorithm());
        }
    }

    @Test
    public void openDhAes() {
        try (TransferSession session = algorithms.open(
                TransferAlgorithms.DH_IETF1024_SHA256_AES128_CBC_PKCS7, DhAesTestVectors.CLIENT_A_PUBLIC_KEY)) {
            assertEquals(TransferAlgorithms.DH_IETF1024_SHA256_AES128_CBC_PKCS7, session.algorithm());
            assertEquals(128, session.output().length);
        }
    }

    @Test
    public void unknownAlgorithmRejected() {
        UnsupportedAlgorithmException e = assertThrows(
                UnsupportedAlgorithmException.class,
                () -> algorithms.open("dh-ietf2048-sha256-aes256-gcm", new byte[0]));
        assertEquals("dh-ietf2048-sha256-aes256-gcm", e.algorithm());
        assertEquals(
                "Unsupported transfer algorithm 'dh-ietf2048-sha256-aes256-gcm'. Supported algorithms: "
                        + "dh-ietf1024-sha256-aes128-cbc-pkcs7, plain",
                e.getMessage());
    }

    @Test
    public void algorithmNameCaseSensitive() {
        assertThrows(UnsupportedAlgorithmException.class, () -> algorithms.open("PLAIN", new byte[0]));
    }

    @Test
    public void malformedInputRejected() {
        assertThrows(InvalidTransferInputException.class, () -> algorithms.open("plain", new byte[] {1}));
        assertThrows(
                InvalidTransferInputException.class,
                () -> algorithms.open(TransferAlgorithms.DH_IETF1024_SHA256_AES128_CBC_PKCS7, new byte[] {1}));
    }

    @Test
    public void nullArgumentsRejected() {
        assertThrows(NullPointerException.class, () -> algorithms.open(null, new byte[0]));
        assertThrows(NullPointerException.class, () -> algorithms.open("plain", null));
    }

    @Test
    public void unsupportedMessageNamesEveryAlgorithm() {
        UnsupportedAlgorithmException e =
                assertThrows(UnsupportedAlgorithmException.class, () -> algorithms.open("", new byte[0]));
        for (String name : algorithms.algorithms()) {
            assertTrue(e.getMessage(), e.getMessage().contains(name));
        }
    }
}
