package io.keyport.itests.storage;

import static org.junit.Assert.assertEquals;

import io.keyport.itests.CommandResult;
import io.keyport.itests.Commands;
import io.keyport.itests.Executables;
import io.keyport.itests.Poll;
import io.keyport.itests.Sandbox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code keyport prompt} in a terminal of a tmux server that the test owns, so that Keyport has a prompter
 * that a test can answer, as a user at a terminal would. The server listens on a socket in the sandbox.
 */
final class PromptAgentTerminal implements AutoCloseable {

    private static final String SESSION = "agent";

    /** The line that the agent prints once it has sent a passphrase to Keyport. */
    private static final String SENT = "Keyport: sent.";

    private final Path socket;
    private final Map<String, String> environment;

    private PromptAgentTerminal(Path socket, Map<String, String> environment) {
        this.socket = socket;
        this.environment = environment;
    }

    /**
     * Starts {@code LAUNCHER prompt} in a new detached tmux session and waits until it has attached to the
     * Keyport of {@code sandbox}.
     */
    static PromptAgentTerminal start(Path launcher, Sandbox sandbox) {
        Path socket = sandbox.root().resolve("tmux.sock");
        PromptAgentTerminal terminal = new PromptAgentTerminal(socket, sandbox.environment());
        // The shell keeps the pane open after the agent ends, so that its last words stay on the screen.
        String agent = "'" + launcher + "' prompt; echo \"keyport prompt exited with $?\"; sleep 600";
        CommandResult started =
                terminal.tmux("new-session", "-d", "-s", SESSION, "-x", "200", "-y", "50", "sh", "-c", agent);
        assertEquals(started.describe(), 0, started.exitStatus());
        terminal.awaitScreen("Keyport prompt agent attached");
        return terminal;
    }

    /**
     * Waits for the question for a new passphrase of {@code target}, types {@code passphrase} twice, and waits
     * until the agent has sent it to Keyport.
     */
    void answerNewPassphrase(String target, String passphrase) {
        int sentBefore = occurrences(screen(), SENT);
        awaitUnanswered("New passphrase for \"" + target + "\"");
        type(passphrase);
        awaitUnanswered("Repeat the new passphrase");
        type(passphrase);
        Poll.until(
                "the prompt agent to send the passphrase",
                () -> occurrences(screen(), SENT) > sentBefore,
                this::screen);
    }

    /** Returns the visible text of the terminal. */
    String screen() {
        return tmux("capture-pane", "-p", "-t", SESSION).stdout();
    }

    /** Stops the tmux server, which ends the agent with SIGHUP. */
    @Override
    public void close() {
        tmux("kill-server");
    }

    private void awaitScreen(String text) {
        Poll.until("\"" + text + "\" in the prompt agent's terminal", () -> screen().contains(text), this::screen);
    }

    /** Waits for {@code text} below the agent's last answer, so that an earlier question does not count. */
    private void awaitUnanswered(String text) {
        Poll.until(
                "\"" + text + "\" in the prompt agent's terminal",
                () -> {
                    String screen = screen();
                    int lastAnswer = screen.lastIndexOf(SENT);
                    return (lastAnswer < 0 ? screen : screen.substring(lastAnswer)).contains(text);
                },
                this::screen);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private void type(String line) {
        tmux("send-keys", "-t", SESSION, "-l", line);
        tmux("send-keys", "-t", SESSION, "Enter");
    }

    private CommandResult tmux(String... arguments) {
        List<String> command =
                new ArrayList<>(List.of(Executables.require(Executables.TMUX).toString(), "-S", socket.toString()));
        command.addAll(List.of(arguments));
        return Commands.run(environment, command);
    }
}
