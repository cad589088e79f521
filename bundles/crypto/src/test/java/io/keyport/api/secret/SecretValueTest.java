package io.keyport.api.secret;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.Test;

public class SecretValueTest {

    private static final byte[] PASSWORD = "hunter2-correct-horse".getBytes(UTF_8);

    @Test
    public void toStringRedactsBytes() {
        try (SecretValue secret = SecretValue.copyOf(PASSWORD, "text/plain")) {
            String text = secret.toString();

            assertEquals("SecretValue[contentType=text/plain, bytes=<redacted>]", text);
            assertFalse(text.contains("hunter2"));
            assertFalse(text.contains(HexFormat.of().formatHex(PASSWORD)));
            assertFalse(text.contains(Arrays.toString(PASSWORD)));
            assertFalse(text.contains(String.valueOf(PASSWORD.length)));
        }
    }

    @Test
    public void closeWipesWrappedArray() {
        byte[] bytes = PASSWORD.clone();
        SecretValue secret = SecretValue.wrap(bytes, "text/plain");

        secret.close();

        assertArrayEquals(new byte[PASSWORD.length], bytes);
        assertTrue(secret.isClosed());
    }

    @Test
    public void closedValueRejectsCopy() {
        SecretValue secret = SecretValue.copyOf(PASSWORD, "text/plain");
        secret.close();
        secret.close();

        assertThrows(IllegalStateException.class, secret::copyBytes);
        assertEquals("text/plain", secret.contentType());
        assertEquals(PASSWORD.length, secret.length());
    }

    @Test
    public void copyOfCopiesInput() {
        byte[] bytes = PASSWORD.clone();
        try (SecretValue secret = SecretValue.copyOf(bytes, "text/plain")) {
            bytes[0] = 0;

            assertArrayEquals(PASSWORD, secret.copyBytes());
        }
    }

    @Test
    public void copyBytesReturnsNewArray() {
        try (SecretValue secret = SecretValue.copyOf(PASSWORD, "text/plain")) {
            byte[] first = secret.copyBytes();
            first[0] = 0;

            assertNotSame(first, secret.copyBytes());
            assertArrayEquals(PASSWORD, secret.copyBytes());
        }
    }

    @Test
    public void closeDoesNotWipeCopies() {
        SecretValue secret = SecretValue.copyOf(PASSWORD, "text/plain");
        byte[] copy = secret.copyBytes();

        secret.close();

        assertArrayEquals(PASSWORD, copy);
    }

    @Test
    public void equalsIsIdentity() {
        try (SecretValue first = SecretValue.copyOf(PASSWORD, "text/plain");
                SecretValue second = SecretValue.copyOf(PASSWORD, "text/plain")) {
            assertNotEquals(first, second);
            assertEquals(first, first);
        }
    }

    @Test
    public void contentEqualsComparesBytes() {
        try (SecretValue first = SecretValue.copyOf(PASSWORD, "text/plain");
                SecretValue same = SecretValue.copyOf(PASSWORD, "application/octet-stream");
                SecretValue other = SecretValue.copyOf("hunter3".getBytes(UTF_8), "text/plain")) {
            assertTrue(first.contentEquals(same));
            assertFalse(first.contentEquals(other));
        }
    }

    @Test
    public void contentEqualsRejectsClosed() {
        SecretValue closed = SecretValue.copyOf(PASSWORD, "text/plain");
        closed.close();
        try (SecretValue open = SecretValue.copyOf(PASSWORD, "text/plain")) {
            assertThrows(IllegalStateException.class, () -> open.contentEquals(closed));
            assertThrows(IllegalStateException.class, () -> closed.contentEquals(open));
        }
    }

    @Test
    public void nullArgumentsRejected() {
        assertThrows(NullPointerException.class, () -> SecretValue.copyOf(null, "text/plain"));
        assertThrows(NullPointerException.class, () -> SecretValue.wrap(null, "text/plain"));
        assertThrows(NullPointerException.class, () -> SecretValue.copyOf(PASSWORD, null));
    }
}
