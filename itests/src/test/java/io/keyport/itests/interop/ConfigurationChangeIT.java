package io.keyport.itests.interop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.keyport.itests.Poll;
import io.keyport.itests.plugin.SessionClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Changes {@code io.keyport.secretservice} in the watched configuration directory while a python3-secretstorage
 * client holds an open session: an invalid value is logged with its key and leaves the previous configuration in
 * force, a valid one is applied in place, and the session keeps working in both cases.
 */
public class ConfigurationChangeIT extends InteropTestSupport {

    private static final String FILE = "io.keyport.secretservice.cfg";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path config;
    private SessionClient client;

    @Before
    public void startKeyportAndClient() throws IOException {
        config = Files.createDirectory(folder.getRoot().toPath().resolve("etc"));
        startCoreKeyport("--config", config.toString());
        client = SessionClient.start(
                PYTHON,
                copyScript(),
                "config-" + ProcessHandle.current().pid(),
                pythonEnvironment(),
                sandbox.root().resolve("session-client.err"));
        assertEquals("stored 1", client.store(1));
    }

    @After
    public void stopClient() throws InterruptedException {
        if (client != null) {
            client.close();
        }
    }

    @Test
    public void invalidValueKeepsSessionAndLimit() throws IOException {
        writeAtomically(FILE, "secret.max.bytes=4\n");
        awaitLog("secret.max.bytes of io.keyport.secretservice; open sessions stay open");

        writeAtomically(FILE, "secret.max.bytes=lots\nsecret.max.byte=5\n");
        awaitLog("secret.max.bytes=lots is invalid: write a whole number from 1 to 134217728");

        String log = keyport.stderr();
        assertTrue(log, log.contains(config.resolve(FILE).toString()));
        assertTrue(log, log.contains("Keeping the previous configuration"));
        assertTrue(log, log.contains("unknown key secret.max.byte,"));
        assertFalse(log, log.contains("Secret Service withdrawn"));
        assertEquals("read 1 value-1", client.read(1));
        assertTrue("the 4-byte limit stays in force", client.store(2).startsWith("error 2"));
        assertTrue("The session client exited", client.isAlive());
    }

    @Test
    public void validChangeKeepsSession() throws IOException {
        writeAtomically(FILE, "secret.max.bytes=4\n");
        awaitLog("secret.max.bytes of io.keyport.secretservice; open sessions stay open");

        String rejected = client.store(2);
        writeAtomically(FILE, "secret.max.bytes=1048576\naccess.unattended=deny\n");
        awaitLog("Applied the changed secret.max.bytes, access.unattended of io.keyport.secretservice");

        assertTrue(rejected, rejected.startsWith("error 2"));
        assertEquals("stored 3", client.store(3));
        assertEquals("read 1 value-1", client.read(1));
        assertEquals("read 3 value-3", client.read(3));
        assertFalse(keyport.stderr(), keyport.stderr().contains("Secret Service withdrawn"));
        assertTrue("The session client exited", client.isAlive());
    }

    private void awaitLog(String text) {
        Poll.until("Keyport to log '" + text + "'", () -> keyport.stderr().contains(text), keyport::describe);
    }

    /** Writes through a temporary name that the watcher ignores, so that FileInstall never reads half a file. */
    private void writeAtomically(String name, String content) throws IOException {
        Path temporary = config.resolve(name + ".tmp");
        Files.writeString(temporary, content);
        Files.move(
                temporary, config.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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
        try (InputStream in = ConfigurationChangeIT.class.getResourceAsStream("/plugin/session_client.py")) {
            if (in == null) {
                fail("Test resource plugin/session_client.py is missing from the test class path");
            }
            Files.copy(in, target);
        }
        return target;
    }
}
