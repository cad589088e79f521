package io.keyport.itests.prompt;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import io.keyport.itests.CommandResult;
import io.keyport.itests.Commands;
import io.keyport.itests.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command running in a real pseudo-terminal: one session of a tmux server of its own, on a socket in the
 * test's sandbox, so that no tmux server of the user is touched. The server inherits the sandbox's
 * environment. Closing it hangs up the terminal, so the command gets SIGHUP, as when a terminal window closes.
 */
public final class Tmux implements AutoCloseable {

    private static final String SESSION = "main";

    private final Path executable;
    private final Path socket;
    private final Map<String, String> environment;
    private final String name;

    private Tmux(Path executable, Path socket, Map<String, String> environment, String name) {
        this.executable = executable;
        this.socket = socket;
        this.environment = environment;
        this.name = name;
    }

    /**
     * Starts {@code command} (a shell command line) in a new 200-column pane. After the command ends the pane
     * shows {@code EXIT=STATUS} and stays open, so a test can read both.
     */
    static Tmux start(Path socket, Map<String, String> environment, String name, String command) {
        Tmux tmux = new Tmux(requireTmux(), socket, environment, name);
        CommandResult result = tmux.run(
                "new-session", "-d", "-s", SESSION, "-x", "200", "-y", "50", command + "; echo EXIT=$?; sleep 3600");
        assertEquals(result.describe(), 0, result.exitStatus());
        return tmux;
    }

    /** Types {@code text} literally, without pressing Enter. */
    public void type(String text) {
        run("send-keys", "-t", SESSION, "-l", text);
    }

    /** Presses keys by tmux name, such as {@code Enter}, {@code C-c} or {@code C-d}. */
    public void press(String... keys) {
        List<String> arguments = new ArrayList<>(List.of("send-keys", "-t", SESSION));
        arguments.addAll(Arrays.asList(keys));
        run(arguments.toArray(new String[0]));
    }

    /** Types {@code line} and presses Enter. */
    public void typeLine(String line) {
        type(line);
        press("Enter");
    }

    /** Returns everything the pane shows and has scrolled away, with wrapped lines joined. */
    public String screen() {
        return run("capture-pane", "-p", "-J", "-S", "-", "-t", SESSION).stdout();
    }

    /** Waits until the pane shows {@code text} at least {@code count} times. */
    public void awaitText(String text, int count) {
        Poll.until(
                name + " to show \"" + text + "\" " + count + " time(s)",
                () -> occurrences(screen(), text) >= count,
                this::describe);
    }

    public void awaitText(String text) {
        awaitText(text, 1);
    }

    /** Waits for the command to end and returns its exit status. */
    public int awaitExit() {
        String status = Poll.until(
                name + " to exit",
                () -> {
                    for (String line : screen().split("\n")) {
                        if (line.startsWith("EXIT=")) {
                            return Optional.of(line.substring("EXIT=".length()).trim());
                        }
                    }
                    return Optional.empty();
                },
                this::describe);
        return Integer.parseInt(status);
    }

    public String describe() {
        return "--- " + name + " terminal:\n" + screen();
    }

    static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    @Override
    public void close() {
        run("kill-server");
    }

    private CommandResult run(String... arguments) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-S", socket.toString()));
        command.addAll(Arrays.asList(arguments));
        return Commands.run(environment, command);
    }

    private static Path requireTmux() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(":")) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, "tmux"))) {
                return Path.of(directory, "tmux");
            }
        }
        fail("tmux was not found on PATH (" + path + "). The terminal prompt tests drive a real pseudo-terminal"
                + " through it: install the Debian package tmux.");
        return null;
    }
}
