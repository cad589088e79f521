package io.keyport.itests;

import static org.junit.Assert.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real {@code dbus-daemon} that a test starts for itself, listening on {@code <directory>/bus}.
 *
 * <p>Its configuration lists no system service directories, so nothing installed on the machine (such as
 * gnome-keyring) can be activated for {@code org.freedesktop.secrets} while the name has no owner. A bus
 * from {@link #startActivating} activates only the services of the test's own directory.
 */
public final class PrivateBus implements AutoCloseable {

    private static final String CONFIGURATION = """
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
             "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>session</type>
              <listen>unix:path=%s</listen>
              <auth>EXTERNAL</auth>%s
              <policy context="default">
                <allow send_destination="*"/>
                <allow receive_sender="*"/>
                <allow own="*"/>
              </policy>
            </busconfig>
            """;

    private final Process process;
    private final String address;

    private PrivateBus(Process process, String address) {
        this.process = process;
        this.address = address;
    }

    /** Starts a bus daemon in {@code directory} and waits until it prints its address. */
    static PrivateBus start(Path directory) {
        return start(directory, "");
    }

    /**
     * Starts a bus daemon in {@code directory} that activates the services described by the
     * {@code .service} files in {@code servicesDirectory}, as a desktop's session bus does.
     */
    public static PrivateBus startActivating(Path directory, Path servicesDirectory) {
        return start(directory, "\n  <servicedir>" + servicesDirectory + "</servicedir>");
    }

    /** Returns the address that a bus started in {@code directory} listens on, before it is started. */
    public static String addressIn(Path directory) {
        return "unix:path=" + directory.resolve("bus");
    }

    private static PrivateBus start(Path directory, String extraConfiguration) {
        Path executable = Executables.require(Executables.DBUS_DAEMON);
        Path log = directory.resolve("bus.log");
        Process process;
        try {
            Path configuration = directory.resolve("bus.conf");
            Files.writeString(configuration, CONFIGURATION.formatted(directory.resolve("bus"), extraConfiguration));
            process = new ProcessBuilder(
                            executable.toString(),
                            "--nofork",
                            "--nopidfile",
                            "--print-address=1",
                            "--config-file=" + configuration)
                    .redirectError(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + executable + " in " + directory, e);
        }
        try {
            return new PrivateBus(process, readAddress(process, log));
        } catch (RuntimeException | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Returns the address that the daemon printed, for {@code DBUS_SESSION_BUS_ADDRESS}. */
    public String address() {
        return address;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(Poll.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static String readAddress(Process process, Path log) {
        CompletableFuture<String> firstLine = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try {
                        firstLine.complete(new BufferedReader(
                                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                                .readLine());
                    } catch (IOException e) {
                        firstLine.completeExceptionally(e);
                    }
                },
                "dbus-daemon-address");
        reader.setDaemon(true);
        reader.start();
        String address = null;
        try {
            address = firstLine.get(Poll.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail("dbus-daemon printed no address within " + Poll.TIMEOUT.toSeconds() + " s. Its log:\n" + read(log));
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the address of dbus-daemon", e);
        }
        if (address == null || address.isBlank()) {
            fail("dbus-daemon exited without printing its address. Its log:\n" + read(log));
        }
        return address.trim();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + file + " could not be read: " + e + ")";
        }
    }
}
