package io.keyport.bus.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code dbus-daemon} that Keyport runs for itself where no session bus exists: on a server, in a
 * container, or in an SSH session without a desktop.
 *
 * <p>The socket lives at a fixed path in Keyport's runtime directory, so the address that clients
 * exported stays valid across Keyport restarts. A daemon left behind by a Keyport that was killed is
 * reused rather than replaced.
 */
final class PrivateBusDaemon implements AutoCloseable {

    static final String SOCKET_NAME = "bus";

    private static final Logger LOG = LoggerFactory.getLogger(PrivateBusDaemon.class);
    private static final List<String> FALLBACK_DIRECTORIES = List.of("/usr/bin", "/bin", "/usr/local/bin");

    private final String address;
    private final Process process;

    private PrivateBusDaemon(String address, Process process) {
        this.address = address;
        this.process = process;
    }

    /** Returns the address of the private bus socket in {@code runtimeDirectory}. */
    static String addressIn(Path runtimeDirectory) {
        return "unix:path=" + runtimeDirectory.resolve(SOCKET_NAME);
    }

    /** Starts a bus daemon on {@code <runtimeDirectory>/bus}, or attaches to one that already listens there. */
    static PrivateBusDaemon startOrReuse(Path runtimeDirectory) throws BusUnavailableException {
        Path socket = runtimeDirectory.resolve(SOCKET_NAME);
        String address = addressIn(runtimeDirectory);
        if (isListening(socket)) {
            LOG.info("Reusing the private bus daemon already listening at {}", socket);
            return new PrivateBusDaemon(address, null);
        }
        Path executable = findExecutable("dbus-daemon")
                .orElseThrow(() -> new BusUnavailableException(
                        "No session bus is set (DBUS_SESSION_BUS_ADDRESS is empty) and dbus-daemon was not found on"
                                + " PATH. Install it (Debian, Ubuntu: apt install dbus-daemon; Fedora: dnf install"
                                + " dbus-daemon) or point DBUS_SESSION_BUS_ADDRESS at a running bus."));
        try {
            Files.deleteIfExists(socket);
            Path config = writeConfiguration(runtimeDirectory, socket);
            List<String> command = new ArrayList<>();
            // A session of its own keeps the bus alive when Ctrl-C or a killed Keyport takes the
            // terminal's process group down, so clients keep their address for the next Keyport.
            findExecutable("setsid").ifPresent(setsid -> command.add(setsid.toString()));
            command.addAll(List.of(
                    executable.toString(), "--nofork", "--nopidfile", "--print-address=1", "--config-file=" + config));
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(
                            runtimeDirectory.resolve("bus.log").toFile()))
                    .start();
            // The printed address carries the daemon's guid; the plain path stays valid for clients
            // after the bus daemon itself is restarted.
            readAddress(process);
            LOG.info("Started private bus daemon (pid {}) at {}", process.pid(), socket);
            return new PrivateBusDaemon(address, process);
        } catch (IOException e) {
            throw new BusUnavailableException(
                    "Could not start " + executable + " on " + socket + ": " + e.getMessage() + ". See "
                            + runtimeDirectory.resolve("bus.log"),
                    e);
        }
    }

    String address() {
        return address;
    }

    boolean isOwned() {
        return process != null;
    }

    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            LOG.info("Stopped private bus daemon (pid {})", process.pid());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static boolean isListening(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Path> findExecutable(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return java.util.stream.Stream.concat(java.util.Arrays.stream(path.split(":")), FALLBACK_DIRECTORIES.stream())
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * Writes a session-bus configuration without service directories, so that no other program is
     * activated on Keyport's private bus. Only the user who runs Keyport may connect (EXTERNAL
     * authentication checks the peer's uid). Messages are capped at 8 MiB, so no client can make Keyport
     * buffer a message larger than its heap allows; secrets are limited to far less anyway.
     */
    private static Path writeConfiguration(Path runtimeDirectory, Path socket) throws IOException {
        String xml = """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>session</type>
                  <listen>unix:path=%s</listen>
                  <auth>EXTERNAL</auth>
                  <limit name="max_message_size">8388608</limit>
                  <policy context="default">
                    <allow send_destination="*"/>
                    <allow receive_sender="*"/>
                    <allow own="*"/>
                  </policy>
                </busconfig>
                """.formatted(socket);
        Path config = runtimeDirectory.resolve("bus.conf");
        Files.writeString(config, xml, StandardCharsets.UTF_8);
        return config;
    }

    private static String readAddress(Process process) throws IOException {
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = reader.readLine();
        if (line == null) {
            throw new IOException("dbus-daemon exited before printing its address");
        }
        return line.trim();
    }
}
