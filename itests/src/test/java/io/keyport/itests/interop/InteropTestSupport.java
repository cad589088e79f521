package io.keyport.itests.interop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.keyport.itests.CommandResult;
import io.keyport.itests.Commands;
import io.keyport.itests.DistributionTestSupport;
import io.keyport.itests.Executables;
import io.keyport.itests.KeyportProcess;
import io.keyport.itests.Poll;
import io.keyport.itests.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of the tests that drive real Secret Service clients against {@code bin/keyport run --feature core}
 * on a private bus: libsecret's {@code secret-tool} and Debian's Python clients, which run with
 * {@code /usr/bin/python3} so that they import the distribution's packages.
 */
public abstract class InteropTestSupport extends DistributionTestSupport {

    /** Debian's interpreter, which sees python3-secretstorage and python3-keyring. */
    static final Path PYTHON = Path.of("/usr/bin/python3");

    static final String SERVICE_PATH = "/org/freedesktop/secrets";
    static final String SESSION_COLLECTION = SERVICE_PATH + "/collection/session";

    protected Sandbox sandbox;
    protected KeyportProcess keyport;

    /** Starts Keyport with the core feature on the sandbox's bus, with extra launcher arguments. */
    protected void startCoreKeyport(String... arguments) {
        sandbox = sandboxWithBus();
        List<String> command = new ArrayList<>(List.of("run", "--feature", "core"));
        command.addAll(List.of(arguments));
        keyport = startKeyport(sandbox, command.toArray(new String[0]));
        awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, keyport);
        // NOTE: Keyport owns the name before it serves the session collection, so a client that starts
        // at once can fail. ActivationIT covers that window; the other tests wait until it has passed.
        Poll.until(
                "the session collection to be served",
                () -> readAlias("session").contains("object path \"" + SESSION_COLLECTION + "\""),
                keyport::describe);
    }

    private String readAlias(String alias) {
        return Commands.run(
                        clientEnvironment(),
                        List.of(
                                Executables.require(Executables.DBUS_SEND).toString(),
                                "--session",
                                "--print-reply",
                                "--dest=" + SECRETS_NAME,
                                SERVICE_PATH,
                                "org.freedesktop.Secret.Service.ReadAlias",
                                "string:" + alias))
                .stdout();
    }

    /** Runs {@code secret-tool ARGUMENTS} on the sandbox's bus, with {@code input} on its standard input. */
    protected CommandResult secretTool(String input, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Executables.require(Executables.SECRET_TOOL).toString());
        command.addAll(List.of(arguments));
        return Commands.run(clientEnvironment(), command, input.getBytes(StandardCharsets.UTF_8));
    }

    /** Calls a Secret Service method with {@code dbus-send} and expects it to succeed. */
    protected CommandResult dbusSend(String path, String method, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Executables.require(Executables.DBUS_SEND).toString(),
                "--session",
                "--print-reply",
                "--dest=" + SECRETS_NAME,
                path,
                method));
        command.addAll(List.of(arguments));
        CommandResult result = Commands.run(clientEnvironment(), command);
        assertEquals(result.describe(), 0, result.exitStatus());
        return result;
    }

    /**
     * Runs the test resource {@code interop/SCRIPT} with Debian's Python, after checking that
     * {@code module} is importable, and returns the result.
     *
     * @param debianPackage the package that provides {@code module}, named in the failure when it is missing
     */
    protected CommandResult runPython(String script, String module, String debianPackage, String... arguments) {
        requirePythonModule(module, debianPackage);
        List<String> command =
                new ArrayList<>(List.of(PYTHON.toString(), copyResource(script).toString()));
        command.addAll(List.of(arguments));
        return Commands.run(clientEnvironment(), command);
    }

    /**
     * Parses the "key value" lines that the interop scripts print, one per step. A key that is printed
     * twice keeps its last value.
     */
    protected static Map<String, String> steps(CommandResult result) {
        Map<String, String> steps = new LinkedHashMap<>();
        for (String line : result.stdout().split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                steps.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        return steps;
    }

    /** The environment of a client process: the sandbox's bus and home, and a Python without user packages. */
    private Map<String, String> clientEnvironment() {
        Map<String, String> environment = new HashMap<>(sandbox.environment());
        environment.put("PYTHONNOUSERSITE", "1");
        environment.put("PYTHONDONTWRITEBYTECODE", "1");
        environment.put("PYTHONIOENCODING", "utf-8");
        environment.put("PYTHONPATH", null);
        environment.put("PYTHON_KEYRING_BACKEND", null);
        return environment;
    }

    private void requirePythonModule(String module, String debianPackage) {
        if (!Files.isExecutable(PYTHON)) {
            fail(PYTHON + " was not found. Install the Debian package python3 and " + debianPackage + ".");
        }
        CommandResult probe = Commands.run(clientEnvironment(), List.of(PYTHON.toString(), "-c", "import " + module));
        if (probe.exitStatus() != 0) {
            fail(PYTHON + " cannot import " + module + ". Install the Debian package " + debianPackage + ".\n"
                    + probe.describe());
        }
    }

    private Path copyResource(String script) {
        Path target = sandbox.root().resolve(script);
        try (InputStream in = InteropTestSupport.class.getResourceAsStream("/interop/" + script)) {
            if (in == null) {
                fail("Test resource interop/" + script + " is missing from the test class path");
            }
            Files.copy(in, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy interop/" + script + " to " + target, e);
        }
    }

    /** Points the {@code default} alias at the session collection, where keyring then stores. */
    protected void pointDefaultAliasAtSession() {
        dbusSend(
                SERVICE_PATH,
                "org.freedesktop.Secret.Service.SetAlias",
                "string:default",
                "objpath:" + SESSION_COLLECTION);
        String alias = readAlias("default");
        assertTrue(alias, alias.contains("object path \"" + SESSION_COLLECTION + "\""));
    }
}
