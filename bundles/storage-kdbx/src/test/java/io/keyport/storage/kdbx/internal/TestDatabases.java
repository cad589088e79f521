package io.keyport.storage.kdbx.internal;

import io.keyport.api.secret.SecretValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Databases made by pykeepass for tests, and engines that serve them. */
final class TestDatabases {

    static final String PASSWORD = "correct horse";

    private TestDatabases() {}

    /**
     * pykeepass needs seconds per database, because it first saves with its default Argon2 cost, so each kind is
     * made once per test run and copied.
     */
    private static final Map<String, Path> CACHE = new ConcurrentHashMap<>();

    /**
     * Copies a KDBX 4.0 database made by pykeepass into {@code directory}: a mail entry at the root and a bank entry
     * in Internet, and with {@code rich} also history, attachments, a custom icon, custom data, an unknown element
     * and a protected custom field.
     */
    static Path create(Path directory, String name, String kdf, String cipher, boolean compress, boolean rich) {
        String kind = String.join("-", kdf, cipher, Boolean.toString(compress), Boolean.toString(rich));
        Path cached = CACHE.computeIfAbsent(kind, key -> {
            try {
                Path cache = Files.createTempDirectory("keyport-kdbx-fixtures");
                cache.toFile().deleteOnExit();
                Path created = create(cache, key + ".kdbx", null, kdf, cipher, compress, rich);
                created.toFile().deleteOnExit();
                Path script = cache.resolve("kdbx_tool.py");
                script.toFile().deleteOnExit();
                return created;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            return Files.copy(cached, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path create(
            Path directory, String name, Path keyFile, String kdf, String cipher, boolean compress, boolean rich) {
        Path file = directory.resolve(name);
        Tools.pykeepass(
                directory,
                "create",
                file.toString(),
                PASSWORD,
                keyFile == null ? "-" : keyFile.toString(),
                kdf,
                cipher,
                compress ? "yes" : "no",
                rich ? "yes" : "no");
        return file;
    }

    static KdbxSettings settings(Path file) {
        return settings(file, null, "");
    }

    static KdbxSettings settings(Path file, Path keyFile, String group) {
        return new KdbxSettings("test", file, keyFile, group, "work", "", KdbxSettings.DEFAULT_MAX_KDF_MEMORY_MIB, 0);
    }

    static KdbxStorageEngine unlocked(KdbxSettings settings) {
        KdbxStorageEngine engine = new KdbxStorageEngine(settings);
        try (SecretValue passphrase = text(PASSWORD)) {
            engine.collection().unlock(passphrase);
        }
        return engine;
    }

    /** Returns UTF-8 text of type {@code text/plain}, as libsecret and secret-tool send a password. */
    static SecretValue text(String text) {
        return SecretValue.copyOf(text.getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    static String text(SecretValue secret) {
        try (secret) {
            return new String(secret.copyBytes(), StandardCharsets.UTF_8);
        }
    }
}
