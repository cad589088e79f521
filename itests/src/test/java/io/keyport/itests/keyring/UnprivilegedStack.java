package io.keyport.itests.keyring;

import static org.junit.Assert.fail;

import io.keyport.itests.CommandResult;
import io.keyport.itests.Commands;
import io.keyport.itests.Executables;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private {@code dbus-daemon} and {@code bin/keyport run} as another user, in a temporary directory that belongs to
 * that user. Closing it stops both processes and deletes the directory.
 */
final class UnprivilegedStack implements AutoCloseable {

    private static final String BUS_CONFIGURATION = """
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
             "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>session</type>
              <listen>unix:path=%s</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">
                <allow send_destination="*"/>
                <allow receive_sender="*"/>
                <allow own="*"/>
              </policy>
            </busconfig>
            """;

    private final long uid;
    private final Path root;
    private final Map<String, String> environment = new HashMap<>();
    private Process bus;
    private Process keyport;

    private UnprivilegedStack(long uid, Path root) {
        this.uid = uid;
        this.root = root;
    }

    /** Starts the bus and Keyport with one kernel keyring engine configured with {@code engine}. */
    static UnprivilegedStack start(long uid, Map<String, String> engine) throws IOException {
        UnprivilegedStack stack = new UnprivilegedStack(uid, Files.createTempDirectory("keyport-keyring-it-"));
        try {
            stack.prepare(engine);
            stack.startBus();
            stack.startKeyport();
            return stack;
        } catch (IOException | RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    /** Runs a command as the stack's user, with its bus and directories, and {@code input} on its standard input. */
    CommandResult run(List<String> command, String input) {
        List<String> full = new ArrayList<>(UnprivilegedUser.setpriv(uid));
        full.addAll(command);
        return Commands.run(environment, full, input.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns whether the Secret Service lists a collection at {@code path}. */
    boolean serves(String path) {
        CommandResult result = run(
                List.of(
                        Executables.require(Executables.DBUS_SEND).toString(),
                        "--session",
                        "--print-reply",
                        "--dest=org.freedesktop.secrets",
                        "/org/freedesktop/secrets",
                        "org.freedesktop.DBus.Properties.Get",
                        "string:org.freedesktop.Secret.Service",
                        "string:Collections"),
                "");
        return result.exitStatus() == 0 && result.stdout().contains("\"" + path + "\"");
    }

    /** Returns what Keyport wrote to its standard output and error so far. */
    String keyportOutput() {
        try {
            return Files.readString(root.resolve("keyport.out")) + Files.readString(root.resolve("keyport.err"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String describe() {
        return "Keyport as user " + uid + " in " + root + ":\n" + keyportOutput();
    }

    void stopKeyport() throws InterruptedException {
        stop(keyport);
    }

    @Override
    public void close() {
        try {
            stop(keyport);
            stop(bus);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + root, e);
        }
    }

    private void prepare(Map<String, String> engine) throws IOException {
        for (String name : List.of("runtime", "home", "data")) {
            Files.createDirectory(root.resolve(name));
        }
        KeyringConfigurations.write(root.resolve("etc"), engine.get("name"), engine);
        Files.writeString(root.resolve("bus.conf"), BUS_CONFIGURATION.formatted(root.resolve("bus")));
        Files.createFile(root.resolve("keyport.out"));
        Files.createFile(root.resolve("keyport.err"));
        copyTree(Path.of(System.getProperty("keyport.tree")), root.resolve("tree"));
        UnprivilegedUser.chown(root, uid);
        environment.put("XDG_RUNTIME_DIR", root.resolve("runtime").toString());
        environment.put("HOME", root.resolve("home").toString());
        environment.put("XDG_DATA_HOME", root.resolve("data").toString());
        environment.put("KEYPORT_FEATURE", null);
        environment.put("KEYPORT_JAVA_OPTS", null);
    }

    /**
     * Copies the distribution into the stack's directory, which the user then owns, because the build's own tree
     * may sit below a directory that only its owner can enter, such as one made by mktemp -d.
     */
    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.copy(
                        path, target.resolve(source.relativize(path).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private void startBus() throws IOException {
        List<String> command = new ArrayList<>(UnprivilegedUser.setpriv(uid));
        command.addAll(List.of(
                Executables.require(Executables.DBUS_DAEMON).toString(),
                "--nofork",
                "--nopidfile",
                "--print-address=1",
                "--config-file=" + root.resolve("bus.conf")));
        bus = new ProcessBuilder(command)
                .redirectError(root.resolve("bus.log").toFile())
                .start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8));
        String address = CompletableFuture.supplyAsync(() -> {
                    try {
                        return reader.readLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .completeOnTimeout(null, 10, TimeUnit.SECONDS)
                .join();
        if (address == null) {
            fail("dbus-daemon as user " + uid + " printed no address; see " + root.resolve("bus.log"));
        }
        environment.put("DBUS_SESSION_BUS_ADDRESS", address.trim());
    }

    private void startKeyport() throws IOException {
        List<String> command = new ArrayList<>(UnprivilegedUser.setpriv(uid));
        command.addAll(List.of(
                root.resolve("tree").resolve("bin").resolve("keyport").toString(),
                "run",
                "--config",
                root.resolve("etc").toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        root.resolve("keyport.out").toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(
                        root.resolve("keyport.err").toFile()));
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        keyport = builder.start();
    }

    private static void stop(Process process) throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }
}
