package io.keyport.itests.storage;

import static org.junit.Assert.fail;

import io.keyport.itests.CommandResult;
import io.keyport.itests.Commands;
import io.keyport.itests.DistributionTestSupport;
import io.keyport.itests.Executables;
import io.keyport.itests.KeyportProcess;
import io.keyport.itests.Poll;
import io.keyport.itests.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.After;

/**
 * Base of the tests that run the distribution's {@code headless} feature, whose {@code login} collection lives in
 * the file store {@code $XDG_DATA_HOME/keyport/file}, and drive it with real clients. Every client, stream and
 * prompt agent that a test starts through it is stopped after the test, before Keyport and the sandboxes.
 */
public abstract class FileStoreTestSupport extends DistributionTestSupport {

    /** The login passphrase that {@code --unlock-stdin} reads. */
    protected static final String PASSPHRASE = "correct horse battery staple";

    protected static final String SERVICE_PATH = "/org/freedesktop/secrets";
    protected static final String LOGIN_PATH = SERVICE_PATH + "/collection/login";
    protected static final String DEFAULT_ALIAS_PATH = SERVICE_PATH + "/aliases/default";

    /** The file name of a second file store's configuration, because FileInstall reads FACTORY_PID-NAME.cfg. */
    protected static final String EXTRA_CONFIGURATION = "io.keyport.storage.file-extra.cfg";

    private static final Pattern BOOLEAN_REPLY = Pattern.compile("boolean (true|false)");
    private static final String FILE_STORE_SERVICE =
            "io.keyport.api.storage.StorageEngine from io.keyport.storage-file";

    /** Upper bound for a secret-tool call that a prompt could leave waiting. */
    private static final Duration SECRET_TOOL_TIMEOUT = Duration.ofSeconds(10);

    private final List<AutoCloseable> clients = new ArrayList<>();

    /** Runs before the base class stops Keyport, so that no client sees the daemon go away. */
    @After
    public void stopClients() throws Exception {
        List<AutoCloseable> newestFirst = new ArrayList<>(clients);
        Collections.reverse(newestFirst);
        for (AutoCloseable client : newestFirst) {
            client.close();
        }
    }

    /**
     * Starts {@code keyport run --unlock-stdin ARGUMENTS} with {@link #PASSPHRASE}, which creates login on the
     * first start and unlocks it later, and waits until login is unlocked.
     */
    protected KeyportProcess startUnlocked(Sandbox sandbox, String... arguments) {
        List<String> command = new ArrayList<>(List.of("run", "--unlock-stdin"));
        command.addAll(List.of(arguments));
        KeyportProcess keyport = startKeyportWithInput(
                sandbox, PASSPHRASE.getBytes(StandardCharsets.UTF_8), command.toArray(new String[0]));
        awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, keyport);
        awaitLoginLockState(sandbox, keyport, false);
        return keyport;
    }

    /** Starts {@code keyport run ARGUMENTS} without a passphrase and waits until it serves login, locked. */
    protected KeyportProcess startLocked(Sandbox sandbox, String... arguments) {
        List<String> command = new ArrayList<>(List.of("run"));
        command.addAll(List.of(arguments));
        KeyportProcess keyport = startKeyport(sandbox, command.toArray(new String[0]));
        awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, keyport);
        awaitLoginLockState(sandbox, keyport, true);
        return keyport;
    }

    /** Waits until login's Locked property is {@code locked}. */
    protected void awaitLoginLockState(Sandbox sandbox, KeyportProcess keyport, boolean locked) {
        Poll.until(
                "login to be served " + (locked ? "locked" : "unlocked"),
                () -> lockedProperty(sandbox, LOGIN_PATH).equals(Optional.of(locked)),
                () -> keyport.describe() + "\n" + status(sandbox).describe());
    }

    /** Reads a collection's Locked property with {@code dbus-send}, or returns empty when it is not served. */
    protected static Optional<Boolean> lockedProperty(Sandbox sandbox, String collectionPath) {
        CommandResult reply = Commands.run(
                sandbox.environment(),
                List.of(
                        Executables.require(Executables.DBUS_SEND).toString(),
                        "--session",
                        "--print-reply",
                        "--dest=" + SECRETS_NAME,
                        collectionPath,
                        "org.freedesktop.DBus.Properties.Get",
                        "string:org.freedesktop.Secret.Collection",
                        "string:Locked"));
        Matcher matcher = BOOLEAN_REPLY.matcher(reply.stdout());
        return reply.exitStatus() == 0 && matcher.find()
                ? Optional.of(Boolean.parseBoolean(matcher.group(1)))
                : Optional.empty();
    }

    /** Starts a secretstorage client on {@code sandbox}'s bus, which is stopped after the test. */
    protected SecretClient secretClient(Sandbox sandbox) {
        SecretClient client = SecretClient.start(sandbox);
        clients.add(client);
        return client;
    }

    /** Starts streaming CreateItem calls into {@code collectionPath}, which stops after the test. */
    protected CreateStream createStream(Sandbox sandbox, String collectionPath, String prefix) {
        CreateStream stream = CreateStream.start(sandbox, collectionPath, prefix);
        clients.add(stream);
        return stream;
    }

    /** Attaches {@code keyport prompt} in a tmux terminal to {@code sandbox}'s Keyport until the test ends. */
    protected PromptAgentTerminal promptAgent(Sandbox sandbox) {
        PromptAgentTerminal agent = PromptAgentTerminal.start(launcher(), sandbox);
        clients.add(agent);
        return agent;
    }

    /**
     * Runs {@code secret-tool ARGUMENTS} on {@code sandbox}'s bus with {@code input} on its standard input, and
     * fails when it runs longer than {@link #SECRET_TOOL_TIMEOUT}.
     */
    protected static CommandResult secretTool(Sandbox sandbox, String input, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Executables.require(Executables.SECRET_TOOL).toString());
        command.addAll(List.of(arguments));
        return Commands.run(
                sandbox.environment(), command, input.getBytes(StandardCharsets.UTF_8), SECRET_TOOL_TIMEOUT);
    }

    /** Runs {@code keyport ARGUMENTS}, such as {@code status}, in {@code sandbox} with {@code input} on stdin. */
    protected CommandResult keyportCommand(Sandbox sandbox, String input, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(launcher().toString());
        command.addAll(List.of(arguments));
        return Commands.run(sandbox.environment(), command, input.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs {@code keyport status} in {@code sandbox}. */
    protected CommandResult status(Sandbox sandbox) {
        return keyportCommand(sandbox, "", "status");
    }

    /**
     * Returns the state, {@code locked} or {@code unlocked}, that a status report gives for each served collection
     * with the id {@code collectionId}, one entry per engine that serves one.
     */
    protected static List<String> collectionStates(CommandResult status, String collectionId) {
        List<String> states = new ArrayList<>();
        boolean inSection = false;
        for (String line : status.stdout().split("\n")) {
            if (line.startsWith("Collections:")) {
                inSection = true;
            } else if (inSection && line.startsWith("  ")) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 1 && fields[0].equals(collectionId)) {
                    states.add(fields[1]);
                }
            } else {
                inSection = false;
            }
        }
        return states;
    }

    /** Returns the Collections section of a status report, for an assertion message. */
    protected static String collectionsReport(CommandResult status) {
        StringBuilder report = new StringBuilder();
        boolean inSection = false;
        for (String line : status.stdout().split("\n")) {
            inSection = line.startsWith("Collections:") || (inSection && line.startsWith("  "));
            if (inSection) {
                report.append(line).append('\n');
            }
        }
        return report.toString();
    }

    /** Returns the directory of the feature's file store {@code file}, which contains login. */
    protected static Path fileStoreDirectory(Sandbox sandbox) {
        return sandbox.dataHome().resolve("keyport").resolve("file");
    }

    /** Copies the distribution's etc/ into the sandbox, for {@code keyport run --config DIR}. */
    protected Path copyEtc(Sandbox sandbox) throws IOException {
        Path target = Files.createDirectory(sandbox.root().resolve("etc"));
        Path etc = launcher().getParent().resolveSibling("etc");
        try (Stream<Path> files = Files.list(etc)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return target;
    }

    /**
     * Writes the configuration of a second file store {@code extra} in {@code directory} into {@code config}. Its
     * service ranking is above the feature's store, so CreateCollection creates new collections there.
     */
    protected static void writeExtraStore(Path config, Path directory) throws IOException {
        String content = "name=extra\ndirectory=" + directory + "\nservice.ranking=10\n";
        // Written under a name that FileInstall ignores and then renamed, so that it never reads half a file.
        Path temporary = config.resolve(EXTRA_CONFIGURATION + ".tmp");
        Files.writeString(temporary, content);
        Files.move(temporary, config.resolve(EXTRA_CONFIGURATION), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits until {@code keyport status} lists {@code count} file store engines. */
    protected void awaitFileStores(Sandbox sandbox, KeyportProcess keyport, int count) {
        Poll.until(
                count + " file store engines in keyport status",
                () -> fileStoreCount(status(sandbox)) == count,
                () -> keyport.describe() + "\n" + status(sandbox).describe());
    }

    /** Returns the secret of the only item that secret-tool finds with {@code attributes}, or fails. */
    protected static String lookup(Sandbox sandbox, String... attributes) {
        List<String> arguments = new ArrayList<>(List.of("lookup"));
        arguments.addAll(List.of(attributes));
        CommandResult result = secretTool(sandbox, "", arguments.toArray(new String[0]));
        if (result.exitStatus() != 0) {
            fail("secret-tool lookup failed.\n" + result.describe());
        }
        return result.stdout();
    }

    /** Returns the files of {@code directory} with their contents, to compare before and after a change. */
    protected static List<String> contentsOf(Path directory) {
        List<String> contents = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                contents.add(file.getFileName() + " " + HexFormat.of().formatHex(Files.readAllBytes(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + directory, e);
        }
        return contents;
    }

    private static long fileStoreCount(CommandResult status) {
        return status.stdout()
                .lines()
                .filter(line -> line.trim().equals(FILE_STORE_SERVICE))
                .count();
    }
}
