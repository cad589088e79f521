package io.keyport.itests.prompt;

import static org.junit.Assert.assertEquals;

import io.keyport.itests.CommandResult;
import io.keyport.itests.Commands;
import io.keyport.itests.DistributionTestSupport;
import io.keyport.itests.Executables;
import io.keyport.itests.Poll;
import io.keyport.itests.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.After;

/**
 * Base of the tests of terminal prompts: {@code bin/keyport run --unlock-stdin} with the headless feature on a
 * private bus, whose file store creates a passphrase-protected {@code login} collection, and terminals driven
 * through tmux.
 */
public abstract class TerminalPromptTestSupport extends DistributionTestSupport {

    protected static final String LOGIN_PATH = "/org/freedesktop/secrets/collection/login";

    /** The passphrase of login. Its spaces and its non-ASCII letter cross every encoding on the way. */
    protected static final String PASSPHRASE = "correct horse battery stäple";

    protected Sandbox sandbox;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private Process keyport;
    private Path keyportOutput;

    @After
    public void closeTerminalsAndKeyport() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        if (keyport != null) {
            keyport.destroy();
            if (!keyport.waitFor(Poll.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                keyport.destroyForcibly().waitFor(Poll.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    /** Starts Keyport, which creates login with {@link #PASSPHRASE} from standard input, and waits for it. */
    protected void startKeyportWithLogin() throws IOException {
        sandbox = sandboxWithBus();
        Path passphrase = sandbox.root().resolve("login-passphrase");
        Files.createFile(
                passphrase, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passphrase, PASSPHRASE + "\n", StandardCharsets.UTF_8);
        keyportOutput = sandbox.root().resolve("keyport.log");
        ProcessBuilder builder = new ProcessBuilder(launcher().toString(), "run", "--unlock-stdin")
                .redirectInput(passphrase.toFile())
                .redirectErrorStream(true)
                .redirectOutput(keyportOutput.toFile());
        applyEnvironment(builder.environment(), environment());
        keyport = builder.start();
        Poll.until(
                "the login collection to be created and unlocked",
                () -> loginLocked().equals(Optional.of(false)),
                this::describe);
    }

    /** Returns whether login is locked, or nothing while Keyport does not serve it. */
    protected Optional<Boolean> loginLocked() {
        CommandResult result = dbusSend(
                LOGIN_PATH,
                "org.freedesktop.DBus.Properties.Get",
                "string:org.freedesktop.Secret.Collection",
                "string:Locked");
        if (result.exitStatus() != 0) {
            return Optional.empty();
        }
        return Optional.of(result.stdout().contains("boolean true"));
    }

    /** Locks login through the Secret Service API and waits until it reports itself locked. */
    protected void lockLogin() {
        CommandResult result = dbusSend(
                "/org/freedesktop/secrets", "org.freedesktop.Secret.Service.Lock", "array:objpath:" + LOGIN_PATH);
        assertEquals(result.describe(), 0, result.exitStatus());
        Poll.until("login to be locked", () -> loginLocked().equals(Optional.of(true)), this::describe);
    }

    /** Stores an item in login, the default collection, with {@code secret-tool store}. */
    protected void storeItem(String user, String secret) {
        CommandResult result = Commands.run(
                environment(),
                List.of(
                        Executables.require(Executables.SECRET_TOOL).toString(),
                        "store",
                        "--label=Terminal prompt test",
                        "service",
                        "keyport-itests",
                        "user",
                        user),
                secret.getBytes(StandardCharsets.UTF_8));
        assertEquals(result.describe(), 0, result.exitStatus());
    }

    /** Runs {@code command}, a shell command line, in a new terminal that closes after the test. */
    protected Tmux terminal(String name, String command) {
        Tmux tmux = Tmux.start(sandbox.root().resolve("tmux-" + name), environment(), name, command);
        resources.add(tmux);
        return tmux;
    }

    /** Starts {@code keyport prompt} in a new terminal and waits until it is attached. */
    protected Tmux promptAgent(String name) {
        Tmux agent = terminal(name, "'" + launcher() + "' prompt");
        agent.awaitText("Keyport prompt agent attached");
        return agent;
    }

    /** Starts {@code count} clients that unlock login at once; they are stopped after the test. */
    protected UnlockClient unlockClients(int count) {
        UnlockClient clients = UnlockClient.start(sandbox.root(), environment(), LOGIN_PATH, count);
        resources.add(clients);
        return clients;
    }

    /** Runs {@code bin/keyport ARGUMENTS} to its end with {@code input} on standard input. */
    protected CommandResult keyport(String input, String... arguments) {
        List<String> command = new ArrayList<>(List.of(launcher().toString()));
        command.addAll(List.of(arguments));
        return Commands.run(environment(), command, input.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns what Keyport has logged so far. */
    protected String keyportLog() {
        try {
            return keyportOutput != null && Files.exists(keyportOutput) ? Files.readString(keyportOutput) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + keyportOutput, e);
        }
    }

    protected String describe() {
        return "--- Keyport log:\n" + keyportLog();
    }

    /** Returns the environment of every process of the test: the sandbox's directories and bus, and no outer tmux. */
    protected Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(sandbox.environment());
        environment.put("TMUX", null);
        environment.put("PYTHONPATH", null);
        return environment;
    }

    private CommandResult dbusSend(String path, String method, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Executables.require(Executables.DBUS_SEND).toString(),
                "--session",
                "--print-reply",
                "--dest=" + SECRETS_NAME,
                path,
                method));
        command.addAll(List.of(arguments));
        return Commands.run(environment(), command);
    }

    private static void applyEnvironment(Map<String, String> target, Map<String, String> changes) {
        changes.forEach((name, value) -> {
            if (value == null) {
                target.remove(name);
            } else {
                target.put(name, value);
            }
        });
    }
}
