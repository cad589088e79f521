package io.keyport.storage.kdbx.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageCollection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Databases made by keepassxc-cli, which writes KDBX 3.1 with AES-KDF in version 2.7, are read by the engine, and
 * what the engine writes is read back by keepassxc-cli, with every kind of key file.
 */
public class KeePassXcInteropTest {

    private static final String PASSWORD = "cli password";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void engineItemShownByKeePassXc() throws Exception {
        Path file = createWithEntry(null, PASSWORD);

        try (KdbxStorageEngine engine = unlock(file, null, PASSWORD);
                SecretValue secret = TestDatabases.text("engine s\u00ebcret")) {
            StorageCollection collection = engine.collection();
            assertEquals(
                    "web password",
                    TestDatabases.text(
                            KdbxStorageEngineTest.item(collection, "web").secret()));
            collection.createItem("from keyport", Map.of("service", "smtp"), secret, false);
        }

        Tools.Result shown =
                cli(PASSWORD + "\n", "show", "-q", "-s", "-a", "Password", file.toString(), "from keyport");
        assertEquals(shown.describe(), 0, shown.exitStatus());
        assertEquals("engine s\u00ebcret", shown.stdout().strip());
        Tools.Result web = cli(PASSWORD + "\n", "show", "-q", "-s", "-a", "Password", file.toString(), "web");
        assertEquals("web password", web.stdout().strip());
        assertEquals(
                KdbxHeader.VERSION_3_1,
                KdbxHeader.parse(Files.readAllBytes(file)).version());
    }

    @Test
    public void attachmentSurvivesEngineSaveInKdbx31() throws Exception {
        Path file = createWithEntry(null, PASSWORD);
        Path attachment = folder.getRoot().toPath().resolve("attachment.bin");
        Files.write(attachment, new byte[] {0, 1, 2, 3, (byte) 0xfe});
        Tools.Result imported = cli(
                PASSWORD + "\n", "attachment-import", "-q", file.toString(), "web", "data.bin", attachment.toString());
        assertEquals(imported.describe(), 0, imported.exitStatus());

        try (KdbxStorageEngine engine = unlock(file, null, PASSWORD)) {
            KdbxStorageEngineTest.item(engine.collection(), "web").setLabel("web renamed");
        }

        Path exported = folder.getRoot().toPath().resolve("exported.bin");
        Tools.Result export = cli(
                PASSWORD + "\n",
                "attachment-export",
                "-q",
                file.toString(),
                "web renamed",
                "data.bin",
                exported.toString());
        assertEquals(export.describe(), 0, export.exitStatus());
        assertEquals(Bytes.hex(Files.readAllBytes(attachment)), Bytes.hex(Files.readAllBytes(exported)));
    }

    @Test
    public void everyKeyFileFormatOpensTheDatabase() throws Exception {
        Path directory = folder.getRoot().toPath();
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        String hex = Bytes.hex(key);
        String hash = Bytes.hex(java.util.Arrays.copyOf(Bytes.sha256(key), 4)).toUpperCase();
        Map<String, byte[]> keyFiles = Map.of(
                "xml-v1.keyx",
                ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<KeyFile><Meta><Version>1.00</Version></Meta><Key>"
                                + "<Data>" + java.util.Base64.getEncoder().encodeToString(key) + "</Data></Key>"
                                + "</KeyFile>\n")
                        .getBytes(StandardCharsets.UTF_8),
                "xml-v2.keyx",
                ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<KeyFile>\n\t<Meta>\n\t\t<Version>2.0</Version>\n"
                                + "\t</Meta>\n\t<Key>\n\t\t<Data Hash=\"" + hash + "\">\n\t\t\t"
                                + hex.substring(0, 32).toUpperCase() + "\n\t\t\t"
                                + hex.substring(32).toUpperCase()
                                + "\n\t\t</Data>\n\t</Key>\n</KeyFile>\n")
                        .getBytes(StandardCharsets.UTF_8),
                "raw32.key",
                key,
                "hex64.key",
                hex.getBytes(StandardCharsets.US_ASCII),
                "other.key",
                "any other file is hashed with SHA-256\n".getBytes(StandardCharsets.UTF_8));
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, byte[]> keyFile : keyFiles.entrySet()) {
            Path path = Files.write(directory.resolve(keyFile.getKey()), keyFile.getValue());
            Path file = createWithEntry(path, PASSWORD);
            try (KdbxStorageEngine engine = unlock(file, path, PASSWORD)) {
                KdbxStorageEngineTest.item(engine.collection(), "web");
            } catch (RuntimeException | AssertionError e) {
                failures.add(keyFile.getKey() + ": " + e);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    public void keyFileWithoutPasswordOpensWithEmptyPassphrase() throws Exception {
        Path keyFile = folder.getRoot().toPath().resolve("only.key");
        Path file = createWithEntry(keyFile, null);

        try (KdbxStorageEngine engine = unlock(file, keyFile, "")) {
            assertTrue(engine.collection().itemIds().size() == 1);
        }
    }

    /** Creates a database with keepassxc-cli and adds the entry web (user carol, password "web password"). */
    private Path createWithEntry(Path keyFile, String password) {
        Path file = folder.getRoot().toPath().resolve("db-" + System.nanoTime() + ".kdbx");
        List<String> create = new ArrayList<>(List.of("db-create", "-q", "-t", "100"));
        List<String> keyArguments = new ArrayList<>();
        if (keyFile != null) {
            create.addAll(List.of("--set-key-file", keyFile.toString()));
            keyArguments.addAll(List.of("-k", keyFile.toString()));
        }
        if (password != null) {
            create.add("-p");
        } else {
            keyArguments.add("--no-password");
        }
        create.add(file.toString());
        String passwordInput = password == null ? "" : password + "\n" + password + "\n";
        Tools.Result created = cli(passwordInput, create.toArray(String[]::new));
        assertEquals(created.describe(), 0, created.exitStatus());

        List<String> add = new ArrayList<>(List.of("add", "-q"));
        add.addAll(keyArguments);
        add.addAll(List.of("-u", "carol", "-p", file.toString(), "web"));
        String addInput = (password == null ? "" : password + "\n") + "web password\n";
        Tools.Result added = cli(addInput, add.toArray(String[]::new));
        assertEquals(added.describe(), 0, added.exitStatus());
        return file;
    }

    private static KdbxStorageEngine unlock(Path file, Path keyFile, String password) {
        KdbxStorageEngine engine = new KdbxStorageEngine(TestDatabases.settings(file, keyFile, ""));
        try (SecretValue passphrase = TestDatabases.text(password)) {
            engine.collection().unlock(passphrase);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    private static Tools.Result cli(String input, String... arguments) {
        return Tools.keepassxcCli(input, arguments);
    }
}
