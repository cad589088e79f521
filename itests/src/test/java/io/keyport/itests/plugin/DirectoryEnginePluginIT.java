package io.keyport.itests.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.keyport.itests.CommandResult;
import io.keyport.itests.Commands;
import io.keyport.itests.Poll;
import io.keyport.itests.interop.InteropTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Installs, upgrades and removes a third-party storage engine in a running Keyport the way an administrator
 * does: the example directory engine's jar into the watched deploy directory and its configuration into the
 * watched configuration directory. {@code secret-tool} reads the engine's items, and a python3-secretstorage
 * client keeps one session open in the session collection throughout, which must keep working.
 */
public class DirectoryEnginePluginIT extends InteropTestSupport {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String SYMBOLIC_NAME = "org.example.keyport.directory-engine";
    private static final String UPGRADED_VERSION = "1.1.0.upgraded";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path config;
    private Path deploy;
    private Path credentials;
    private SessionClient client;

    @Before
    public void startKeyportWithDeployDirectory() throws IOException {
        Path root = folder.getRoot().toPath();
        config = Files.createDirectory(root.resolve("etc"));
        deploy = Files.createDirectory(root.resolve("deploy"));
        credentials = Files.createDirectory(root.resolve("credentials"));
        Files.writeString(credentials.resolve("db-password"), "hunter2");
        startCoreKeyport("--config", config.toString(), "--deploy", deploy.toString());
    }

    @After
    public void stopClient() throws InterruptedException {
        if (client != null) {
            client.close();
        }
    }

    @Test
    public void engineInstallsUpgradesAndUninstalls() throws Exception {
        client = SessionClient.start(
                PYTHON,
                copyScript(),
                "plugin-" + ProcessHandle.current().pid(),
                pythonEnvironment(),
                sandbox.root().resolve("session-client.err"));
        assertEquals("stored 1", client.store(1));

        install();
        Poll.until(
                "secret-tool to read the deployed engine's item", () -> lookup().equals("hunter2"), keyport::describe);
        assertTrue(status(), status().contains("engine creds"));
        assertEquals("stored 2", client.store(2));
        assertEquals("read 1 value-1", client.read(1));
        assertWriteRejected();

        upgrade();
        Poll.until(
                "keyport status to show version " + UPGRADED_VERSION,
                () -> status().contains(SYMBOLIC_NAME + " " + UPGRADED_VERSION),
                keyport::describe);
        Poll.until(
                "secret-tool to read the upgraded engine's item", () -> lookup().equals("hunter2"), keyport::describe);
        assertEquals("stored 3", client.store(3));
        assertEquals("read 2 value-2", client.read(2));

        Files.delete(deploy.resolve("directory-engine.jar"));
        Poll.until("the engine's collection to go away", () -> !status().contains("engine creds"), keyport::describe);
        assertEquals("", lookup());
        assertFalse(status().contains(SYMBOLIC_NAME));
        assertEquals("read 1 value-1", client.read(1));
        assertEquals("read 3 value-3", client.read(3));
        assertEquals("stored 4", client.store(4));
        assertTrue("The session client exited", client.isAlive());
        assertTrue("Keyport exited", keyport.isAlive());
    }

    private void install() throws IOException {
        Files.writeString(
                config.resolve("org.example.keyport.directory-creds.cfg"),
                String.join(
                        "\n",
                        "keyport.engine.name=creds",
                        "collection.id=creds",
                        "collection.label=Credentials",
                        "directory=" + credentials,
                        ""));
        Path staged = sandbox.root().resolve("directory-engine-1.jar");
        Files.copy(engineJar(), staged, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, deploy.resolve("directory-engine.jar"), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Replaces the deployed jar with a copy whose Bundle-Version is {@value #UPGRADED_VERSION}. */
    private void upgrade() throws IOException {
        Path staged = sandbox.root().resolve("directory-engine-2.jar");
        try (JarFile original = new JarFile(engineJar().toFile())) {
            Manifest manifest = new Manifest(original.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), UPGRADED_VERSION);
            try (OutputStream file = Files.newOutputStream(staged);
                    JarOutputStream jar = new JarOutputStream(file, manifest)) {
                Enumeration<JarEntry> entries = original.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equals(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    jar.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = original.getInputStream(entry)) {
                        in.transferTo(jar);
                    }
                    jar.closeEntry();
                }
            }
        }
        Files.move(
                staged,
                deploy.resolve("directory-engine.jar"),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** Checks that a store into the read-only collection fails and leaves the directory unchanged. */
    private void assertWriteRejected() throws IOException {
        CommandResult result = secretTool(
                "new-value",
                "store",
                "--label=New",
                "--collection=/org/freedesktop/secrets/collection/creds",
                "file",
                "new");
        assertNotEquals(result.describe(), 0, result.exitStatus());
        assertEquals(
                List.of("db-password"),
                Files.list(credentials)
                        .map(file -> file.getFileName().toString())
                        .toList());
    }

    private String lookup() {
        CommandResult result = secretTool("", "lookup", "file", "db-password");
        return result.exitStatus() == 0 ? result.stdout().trim() : "";
    }

    private String status() {
        return Commands.run(sandbox.environment(), List.of(launcher().toString(), "status"))
                .stdout();
    }

    private Map<String, String> pythonEnvironment() {
        Map<String, String> environment = new HashMap<>(sandbox.environment());
        environment.put("PYTHONNOUSERSITE", "1");
        environment.put("PYTHONDONTWRITEBYTECODE", "1");
        environment.put("PYTHONPATH", null);
        return environment;
    }

    private Path copyScript() throws IOException {
        Path target = sandbox.root().resolve("session_client.py");
        try (InputStream in = DirectoryEnginePluginIT.class.getResourceAsStream("/plugin/session_client.py")) {
            if (in == null) {
                fail("Test resource plugin/session_client.py is missing from the test class path");
            }
            Files.copy(in, target);
        }
        return target;
    }

    private static Path engineJar() {
        String jar = System.getProperty("directory.engine.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            fail("The example engine jar " + jar + " is missing: build examples/directory-engine first");
        }
        return Path.of(jar);
    }
}
