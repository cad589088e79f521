package io.keyport.prompter.tty.internal;

import java.io.Console;
import java.io.IOError;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal that Keyport itself runs on in the foreground, as a {@link Terminal}. Ctrl-C there stops Keyport,
 * so Ctrl-D dismisses a question; Ctrl-D while no question is open stops the console from answering, which also
 * ends the reading when the terminal hangs up and every read returns end of input.
 *
 * <p>A reader thread keeps {@link Console#readPassword} pending, and a worker thread runs the {@link
 * TerminalDialog}, so questions arrive while a read is blocked.
 */
final class ConsoleTerminal implements Terminal, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleTerminal.class);

    private final Console console;
    private final QuestionQueue queue;
    private final TerminalDialog dialog;
    private final BlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final Thread worker;
    private volatile boolean closed;

    ConsoleTerminal(Console console, QuestionQueue queue, PrintStream out) {
        this.console = console;
        this.queue = queue;
        this.dialog = new TerminalDialog(
                out, (question, reply) -> queue.answer(this, question.id(), reply), "Ctrl-D dismisses");
        this.reader = new Thread(this::readLoop, "keyport-console-reader");
        this.worker = new Thread(this::workLoop, "keyport-console-prompt");
        reader.setDaemon(true);
        worker.setDaemon(true);
    }

    /**
     * Returns whether this process is in the foreground process group of its terminal, read from {@code
     * /proc/self/stat}. A process in the background that reads its terminal is stopped with SIGTTIN, so Keyport
     * started with {@code &} must not read it.
     */
    static boolean inForeground() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // The command name in parentheses may contain spaces, so the fields are counted after its ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return fields[2].equals(fields[5]);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not tell whether Keyport runs in the foreground: {}", e.toString());
            return false;
        }
    }

    void start() {
        worker.start();
        reader.start();
        queue.attach(this);
    }

    @Override
    public void show(Question question) {
        events.add(() -> dialog.show(question));
    }

    @Override
    public void withdraw(Question question) {
        events.add(() -> dialog.withdraw(question));
    }

    @Override
    public String describe() {
        return "the console Keyport runs on";
    }

    /**
     * Detaches the console. NOTE: a read that is blocked in {@link Console#readPassword} cannot be interrupted,
     * so the reader thread ends only after the next line; that line is wiped unused.
     */
    @Override
    public void close() {
        closed = true;
        queue.detach(this);
        worker.interrupt();
    }

    private void readLoop() {
        while (!closed) {
            char[] line;
            try {
                line = console.readPassword();
            } catch (IOError e) {
                LOG.warn("Reading the console failed, so it stops answering questions: {}", e.toString());
                events.add(this::stopAnswering);
                return;
            }
            if (closed) {
                wipe(line);
                return;
            }
            if (line == null) {
                events.add(this::endOfInput);
            } else {
                events.add(() -> dialog.line(line));
            }
        }
    }

    private void workLoop() {
        while (!closed) {
            try {
                events.take().run();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("The console prompt failed", e);
            }
        }
    }

    private void endOfInput() {
        if (!dialog.endOfInput()) {
            LOG.info("The console closed its input (Ctrl-D), so it stops answering questions; run keyport prompt"
                    + " in a terminal to answer them");
            stopAnswering();
        }
    }

    private void stopAnswering() {
        closed = true;
        queue.detach(this);
        dialog.dismissAll();
    }

    private static void wipe(char[] line) {
        if (line != null) {
            Arrays.fill(line, '\0');
        }
    }
}
