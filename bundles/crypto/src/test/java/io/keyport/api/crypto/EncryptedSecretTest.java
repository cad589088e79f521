package io.keyport.api.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

import java.util.HexFormat;
import org.junit.Test;

public class EncryptedSecretTest {

    private static final byte[] PASSWORD = "hunter2-correct-horse".getBytes(UTF_8);

    private static final byte[] IV = HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");

    @Test
    public void toStringRedactsValueAndParameters() {
        try (EncryptedSecret secret = new EncryptedSecret(IV, PASSWORD, "text/plain")) {
            String text = secret.toString();

            assertEquals("EncryptedSecret[contentType=text/plain, value=<redacted>]", text);
            assertFalse(text.contains("hunter2"));
            assertFalse(text.contains(HexFormat.of().formatHex(PASSWORD)));
            assertFalse(text.contains(HexFormat.of().formatHex(IV)));
        }
    }

    @Test
    public void constructorCopiesArrays() {
        byte[] parameters = IV.clone();
        byte[] value = PASSWORD.clone();
        try (EncryptedSecret secret = new EncryptedSecret(parameters, value, "text/plain")) {
            parameters[0] = 0;
            value[0] = 0;

            assertArrayEquals(IV, secret.parameters());
            assertArrayEquals(PASSWORD, secret.value());
        }
    }

    @Test
    public void accessorsReturnCopies() {
        try (EncryptedSecret secret = new EncryptedSecret(IV, PASSWORD, "text/plain")) {
            secret.parameters()[0] = 0;
            secret.value()[0] = 0;

            assertArrayEquals(IV, secret.parameters());
            assertArrayEquals(PASSWORD, secret.value());
        }
    }

    @Test
    public void closedSecretRejectsValue() {
        EncryptedSecret secret = new EncryptedSecret(IV, PASSWORD, "text/plain");
        secret.close();
        secret.close();

        assertThrows(IllegalStateException.class, secret::value);
        assertArrayEquals(IV, secret.parameters());
        assertEquals("text/plain", secret.contentType());
    }
}
