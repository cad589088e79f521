package io.keyport.contract.storage;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageItem;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Secret values for the tests, and reading them back without leaving copies behind. */
final class Secrets {

    static final String TEXT = "text/plain; charset=utf8";

    private Secrets() {}

    static SecretValue text(String text) {
        return SecretValue.copyOf(text.getBytes(StandardCharsets.UTF_8), TEXT);
    }

    /** Returns the item's secret as UTF-8 text and closes the copy. */
    static String readText(StorageItem item) {
        try (SecretValue secret = item.secret()) {
            byte[] bytes = secret.copyBytes();
            try {
                return new String(bytes, StandardCharsets.UTF_8);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    /** Returns the item's secret bytes and closes the copy. */
    static byte[] readBytes(StorageItem item) {
        try (SecretValue secret = item.secret()) {
            return secret.copyBytes();
        }
    }

    /** Returns the item's content type and closes the copy of its secret. */
    static String readContentType(StorageItem item) {
        try (SecretValue secret = item.secret()) {
            return secret.contentType();
        }
    }
}
