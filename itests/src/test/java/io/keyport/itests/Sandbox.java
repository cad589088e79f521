package io.keyport.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/**
 * The per-test home of a {@code keyport} process: its own {@code XDG_RUNTIME_DIR}, {@code HOME} and
 * {@code XDG_DATA_HOME}, and optionally a private bus of its own.
 *
 * <p>Closing the sandbox stops the bus and any {@code dbus-daemon} that Keyport started for itself
 * inside the sandbox, then deletes the directories.
 */
public final class Sandbox implements AutoCloseable {

    private final Path root;
    private final Path runtimeDirectory;
    private final Path home;
    private final Path dataHome;
    private PrivateBus bus;

    private Sandbox(Path root) {
        this(root, null);
    }

    /** @param dataHome an existing {@code XDG_DATA_HOME} to share, or {@code null} for one of its own */
    private Sandbox(Path root, Path dataHome) {
        this.root = root;
        this.runtimeDirectory = createPrivateDirectory(root.resolve("runtime"));
        this.home = createPrivateDirectory(root.resolve("home"));
        this.dataHome = dataHome != null ? dataHome : createPrivateDirectory(root.resolve("data"));
    }

    /** Creates a sandbox without a bus: a Keyport started in it starts its own private bus. */
    static Sandbox withoutBus() {
        return new Sandbox(TemporaryDirectories.create("sandbox-"));
    }

    /** Creates a sandbox with a private {@code dbus-daemon} of the test's own. */
    static Sandbox withBus() {
        Sandbox sandbox = withoutBus();
        sandbox.bus = PrivateBus.start(sandbox.root);
        return sandbox;
    }

    /**
     * Creates a sandbox with a private bus and runtime directory of its own that uses {@code other}'s
     * {@code XDG_DATA_HOME}. Closing it leaves that directory to {@code other}.
     */
    static Sandbox withBusSharingData(Sandbox other) {
        Sandbox sandbox = new Sandbox(TemporaryDirectories.create("sandbox-"), other.dataHome);
        sandbox.bus = PrivateBus.start(sandbox.root);
        return sandbox;
    }

    /** Returns the address of the test's own bus. */
    public String busAddress() {
        if (bus == null) {
            throw new IllegalStateException("This sandbox has no bus of its own. Create it with Sandbox.withBus().");
        }
        return bus.address();
    }

    public Path root() {
        return root;
    }

    /** Returns the sandbox's {@code XDG_DATA_HOME}, under which Keyport keeps its stores in {@code keyport/}. */
    public Path dataHome() {
        return dataHome;
    }

    /** Keyport's runtime directory, {@code $XDG_RUNTIME_DIR/keyport}. */
    Path keyportRuntimeDirectory() {
        return runtimeDirectory.resolve("keyport");
    }

    Path controlSocket() {
        return keyportRuntimeDirectory().resolve("control");
    }

    /**
     * Returns the environment changes for a process in this sandbox, where a {@code null} value removes
     * a variable. {@code DBUS_SESSION_BUS_ADDRESS} is the sandbox's bus, or unset when it has none.
     */
    public Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("XDG_RUNTIME_DIR", runtimeDirectory.toString());
        environment.put("HOME", home.toString());
        environment.put("XDG_DATA_HOME", dataHome.toString());
        environment.put("DBUS_SESSION_BUS_ADDRESS", bus != null ? bus.address() : null);
        environment.put("KEYPORT_FEATURE", null);
        environment.put("KEYPORT_JAVA_OPTS", null);
        return environment;
    }

    @Override
    public void close() {
        if (bus != null) {
            bus.close();
        }
        stopBusDaemonsStartedByKeyport();
        TemporaryDirectories.deleteRecursively(root);
    }

    private static Path createPrivateDirectory(Path directory) {
        try {
            return Files.createDirectory(
                    directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + directory, e);
        }
    }

    /**
     * Stops the private {@code dbus-daemon} that a Keyport without a session bus starts in its runtime
     * directory. Keyport stops it on a normal exit, but one that was killed leaves it running.
     */
    private void stopBusDaemonsStartedByKeyport() {
        String configuration = keyportRuntimeDirectory().resolve("bus.conf").toString();
        ProcessHandle.allProcesses()
                .filter(process -> process.info()
                        .commandLine()
                        .map(line -> line.contains("dbus-daemon") && line.contains(configuration))
                        .orElse(false))
                .forEach(ProcessHandle::destroy);
    }
}
