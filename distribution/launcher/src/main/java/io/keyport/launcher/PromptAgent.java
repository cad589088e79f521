package io.keyport.launcher;

import java.io.Console;
import java.io.IOError;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import sun.misc.Signal;

/**
 * {@code keyport prompt}: attaches this terminal to the running Keyport and answers its questions here, as
 * pinentry does for gpg-agent, until Ctrl-C or Ctrl-D while no question is open, or until Keyport stops.
 *
 * <p>Three sources feed one event loop: the socket reader (questions and withdrawals), the terminal reader (lines
 * read without echo, and end of input) and SIGINT. The loop alone touches the {@link AgentDialog}.
 */
final class PromptAgent {

    /** An event for the loop. It returns the exit status when the agent should stop, else {@code null}. */
    private interface Event {
        Integer handle() throws IOException;
    }

    private final KeyportPaths paths;
    private final PrintStream out;
    private final PrintStream err;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    PromptAgent(KeyportPaths paths, PrintStream out, PrintStream err) {
        this.paths = paths;
        this.out = out;
        this.err = err;
    }

    int run() throws IOException, InterruptedException {
        Console console = System.console();
        if (console == null) {
            err.println("keyport: prompt needs a terminal, but standard input or output is not one. Run it in an"
                    + " interactive shell; scripts unlock with keyport unlock --stdin.");
            return ExitStatus.USAGE;
        }
        Path socket = paths.runtime().resolve(PromptConnection.SOCKET_NAME);
        PromptConnection connection;
        try {
            String tty = PromptConnection.text(terminalName());
            connection = PromptConnection.open(
                    socket, "agent " + ProcessHandle.current().pid() + " " + tty);
        } catch (PromptConnection.NotRunningException e) {
            return NotRunning.report(err, paths, e.getMessage());
        }
        try (connection) {
            AgentDialog dialog = new AgentDialog(out, answersOver(connection));
            startDaemonThread("keyport-prompt-socket", () -> readSocket(connection, dialog));
            startDaemonThread("keyport-prompt-terminal", () -> readTerminal(console, dialog));
            Signal.handle(new Signal("INT"), signal -> events.add(() -> interrupted(dialog)));
            out.println("Keyport prompt agent attached to " + socket + ". Keyport's questions appear here;"
                    + " Ctrl-C or Ctrl-D dismisses one, and detaches this agent while none is open.");
            out.flush();
            while (true) {
                Integer status = events.take().handle();
                if (status != null) {
                    return status;
                }
            }
        }
    }

    private void readSocket(PromptConnection connection, AgentDialog dialog) {
        try {
            List<String> fields;
            while ((fields = connection.readFields()) != null) {
                List<String> message = fields;
                switch (message.get(0)) {
                    case "ASK" -> {
                        AgentQuestion question = AgentQuestion.parse(message);
                        events.add(() -> {
                            dialog.show(question);
                            return null;
                        });
                    }
                    case "WITHDRAW" -> {
                        long id = Long.parseLong(message.get(message.size() - 1));
                        events.add(() -> {
                            dialog.withdraw(id);
                            return null;
                        });
                    }
                    case "ERROR" ->
                        events.add(() -> stop(
                                "Keyport closed the connection: " + PromptConnection.errorText(message),
                                ExitStatus.FAILURE));
                    default ->
                        events.add(() -> stop(
                                "Keyport sent a message this agent does not know; update the keyport command",
                                ExitStatus.FAILURE));
                }
            }
            events.add(() -> stop("Keyport closed the connection, so this agent detaches.", ExitStatus.OK));
        } catch (IOException | RuntimeException e) {
            events.add(() -> stop("The connection to Keyport failed: " + e.getMessage(), ExitStatus.FAILURE));
        }
    }

    private void readTerminal(Console console, AgentDialog dialog) {
        while (true) {
            char[] line;
            try {
                line = console.readPassword();
            } catch (IOError e) {
                events.add(() -> stop("Reading the terminal failed: " + e.getMessage(), ExitStatus.FAILURE));
                return;
            }
            if (line == null) {
                events.add(() -> dialog.dismissOrDetach() ? null : stop("Detached from Keyport.", ExitStatus.OK));
            } else {
                events.add(() -> {
                    dialog.line(line);
                    return null;
                });
            }
        }
    }

    private Integer interrupted(AgentDialog dialog) throws IOException {
        return dialog.dismissOrDetach() ? null : stop("Detached from Keyport.", ExitStatus.OK);
    }

    private Integer stop(String message, int status) {
        out.println();
        out.println("Keyport: " + message);
        out.flush();
        return status;
    }

    private static AgentDialog.Answers answersOver(PromptConnection connection) {
        return new AgentDialog.Answers() {
            @Override
            public void passphrase(long id, byte[] passphrase) throws IOException {
                connection.writeSecretLine("PASSPHRASE " + id, passphrase);
            }

            @Override
            public void confirm(long id, boolean always) throws IOException {
                connection.writeLine("CONFIRM " + id + (always ? " ALWAYS" : ""));
            }

            @Override
            public void dismiss(long id) throws IOException {
                connection.writeLine("DISMISS " + id);
            }
        };
    }

    /** Returns the terminal device on standard input, such as {@code /dev/pts/3}, for Keyport's log. */
    private static String terminalName() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "an unknown terminal";
        }
    }

    private static void startDaemonThread(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
