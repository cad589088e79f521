package io.keyport.itests;

import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Finds the native tools that the tests run, and fails the test when one is not installed. */
public final class Executables {

    public static final String DBUS_DAEMON = "dbus-daemon";
    public static final String DBUS_SEND = "dbus-send";
    public static final String SECRET_TOOL = "secret-tool";
    public static final String TMUX = "tmux";
    public static final String XVFB = "Xvfb";
    public static final String XDOTOOL = "xdotool";

    private Executables() {}

    /**
     * Returns the path of {@code name} on {@code PATH}.
     *
     * @throws AssertionError naming the Debian package to install when it is not found, so that a
     *     missing tool fails the test instead of skipping it
     */
    public static Path require(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(":"))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseGet(() -> {
                    fail(name + " was not found on PATH (" + path + "). Install the Debian package "
                            + debianPackage(name) + ".");
                    return null;
                });
    }

    private static String debianPackage(String name) {
        return switch (name) {
            case DBUS_DAEMON -> "dbus-daemon";
            case DBUS_SEND -> "dbus-bin";
            case SECRET_TOOL -> "libsecret-tools";
            case TMUX -> "tmux";
            case XVFB -> "xvfb";
            case XDOTOOL -> "xdotool";
            default -> "that provides " + name;
        };
    }
}
