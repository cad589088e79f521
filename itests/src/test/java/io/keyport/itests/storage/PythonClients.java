package io.keyport.itests.storage;

import static org.junit.Assert.fail;

import io.keyport.itests.CommandResult;
import io.keyport.itests.Commands;
import io.keyport.itests.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the Python clients in {@code storage/} with Debian's {@code /usr/bin/python3}, which imports
 * python3-secretstorage and jeepney from the distribution's packages.
 */
final class PythonClients {

    static final Path PYTHON = Path.of("/usr/bin/python3");

    private PythonClients() {}

    /** Returns the environment of a client in {@code sandbox}: its bus and home, and no user site packages. */
    static Map<String, String> environment(Sandbox sandbox) {
        Map<String, String> environment = new HashMap<>(sandbox.environment());
        environment.put("PYTHONNOUSERSITE", "1");
        environment.put("PYTHONDONTWRITEBYTECODE", "1");
        environment.put("PYTHONUNBUFFERED", "1");
        environment.put("PYTHONPATH", null);
        return environment;
    }

    /**
     * Returns the command that runs the test resource {@code storage/SCRIPT}, copied into {@code sandbox}, after
     * checking that the interpreter and python3-secretstorage are installed.
     */
    static List<String> command(Sandbox sandbox, String script, String... arguments) {
        requireSecretStorage(sandbox);
        Path copy = copyScript(sandbox, script);
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), copy.toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    private static void requireSecretStorage(Sandbox sandbox) {
        if (!Files.isExecutable(PYTHON)) {
            fail(PYTHON + " was not found. Install the Debian packages python3 and python3-secretstorage.");
        }
        CommandResult probe =
                Commands.run(environment(sandbox), List.of(PYTHON.toString(), "-c", "import secretstorage, jeepney"));
        if (probe.exitStatus() != 0) {
            fail(PYTHON + " cannot import secretstorage. Install the Debian package python3-secretstorage.\n"
                    + probe.describe());
        }
    }

    private static Path copyScript(Sandbox sandbox, String script) {
        Path target = sandbox.root().resolve(script);
        if (Files.exists(target)) {
            return target;
        }
        try (InputStream in = PythonClients.class.getResourceAsStream("/storage/" + script)) {
            if (in == null) {
                fail("Test resource storage/" + script + " is missing from the test class path");
            }
            Files.copy(in, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy storage/" + script + " to " + target, e);
        }
    }
}
