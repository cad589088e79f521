package io.keyport.secretservice.internal;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.keyport.api.crypto.EncryptedSecret;
import io.keyport.api.crypto.TransferSession;
import io.keyport.api.secret.SecretValue;
import io.keyport.secretservice.internal.dbus.Secret;
import org.freedesktop.DBus.Error.InvalidArgs;
import org.freedesktop.dbus.DBusPath;
import org.junit.Test;

public class SecretLimitsTest {

    private final SecretLimits limits = new SecretLimits(100);

    @Test
    public void plainSecretReportsItsSize() {
        String message = rejected(() -> limits.checkEncoded(secret(200), session("plain")));
        assertTrue(message, message.startsWith("The secret is 200 bytes, more than the limit of 100 bytes"));
    }

    @Test
    public void encryptedSecretSaysItIsEncrypted() {
        // 200 bytes of plaintext become 208 bytes of AES-CBC ciphertext with PKCS#7 padding.
        String message =
                rejected(() -> limits.checkEncoded(secret(208), session("dh-ietf1024-sha256-aes128-cbc-pkcs7")));
        assertTrue(
                message,
                message.startsWith("The encrypted secret is 208 bytes, so the secret is at least 192 bytes, more than"
                        + " the limit of 100 bytes"));
    }

    @Test
    public void paddedSecretAtLimitIsAccepted() {
        limits.checkEncoded(secret(112), session("dh-ietf1024-sha256-aes128-cbc-pkcs7"));
    }

    @Test
    public void decodedSecretReportsPlaintextSize() {
        try (SecretValue value = SecretValue.wrap(new byte[101], "text/plain")) {
            String message = rejected(() -> limits.checkDecoded(value));
            assertTrue(message, message.startsWith("The secret is 101 bytes, more than the limit of 100 bytes"));
        }
    }

    private static Secret secret(int length) {
        return new Secret(new DBusPath("/org/freedesktop/secrets/session/s1"), new byte[0], new byte[length], "");
    }

    private static TransferSession session(String algorithm) {
        return new TransferSession() {
            @Override
            public String algorithm() {
                return algorithm;
            }

            @Override
            public byte[] output() {
                return new byte[0];
            }

            @Override
            public EncryptedSecret encrypt(SecretValue secret) {
                throw new UnsupportedOperationException();
            }

            @Override
            public SecretValue decrypt(byte[] parameters, byte[] value, String contentType) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {}
        };
    }

    private static String rejected(Runnable check) {
        try {
            check.run();
        } catch (InvalidArgs expected) {
            return expected.getMessage();
        }
        fail("expected InvalidArgs");
        return "";
    }
}
