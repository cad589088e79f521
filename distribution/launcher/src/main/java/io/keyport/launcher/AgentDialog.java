package io.keyport.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * The conversation of {@code keyport prompt} on its terminal: shows who asks and for what, takes the lines that
 * the reader delivers without echo, asks a new passphrase twice, and sends each answer to Keyport. It is driven
 * by events from one thread.
 *
 * <p>The reader keeps a read pending all the time, so nothing typed between questions is echoed or saved up as
 * the answer to the next one; a line that arrives while no question is open is wiped. After a withdrawal the user
 * may have typed half an answer, which the terminal keeps until Enter, so the next question waits for that line.
 */
final class AgentDialog {

    /** The destination of answers: the prompt socket, or a list in tests. */
    interface Answers {

        /** Sends a passphrase as UTF-8. The caller wipes {@code passphrase} afterwards. */
        void passphrase(long id, byte[] passphrase) throws IOException;

        /** Allows a confirmation, once or, with {@code always}, from now on. */
        void confirm(long id, boolean always) throws IOException;

        void dismiss(long id) throws IOException;
    }

    private static final int TEXT_MAX = 200;
    private static final String DISMISS_HINT = "Ctrl-C or Ctrl-D dismisses";

    private final PrintStream out;
    private final Answers answers;
    private final Deque<AgentQuestion> pending = new ArrayDeque<>();
    private AgentQuestion current;
    private char[] firstEntry;
    private boolean discardNextLine;

    AgentDialog(PrintStream out, Answers answers) {
        this.out = out;
        this.answers = answers;
    }

    void show(AgentQuestion question) {
        pending.addLast(question);
        if (current == null && !discardNextLine) {
            next();
        }
    }

    void withdraw(long id) {
        if (pending.removeIf(question -> question.id() == id)) {
            return;
        }
        if (current == null || current.id() != id) {
            return;
        }
        clearQuestion();
        out.println();
        out.println(
                "Keyport: the request was withdrawn: it timed out, or the program that asked cancelled it or exited. Press Enter"
                        + " to go on.");
        out.flush();
        discardNextLine = true;
    }

    /** Takes a line read without echo. This dialog wipes {@code chars}. */
    void line(char[] chars) throws IOException {
        try {
            if (discardNextLine) {
                discardNextLine = false;
                next();
            } else if (current == null) {
                out.println("Keyport: no question is open, so the input was discarded.");
                out.flush();
            } else {
                answerWith(chars);
            }
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /**
     * Handles Ctrl-C or Ctrl-D: dismisses the open question. Returns {@code false} when no question was open,
     * which detaches the agent.
     */
    boolean dismissOrDetach() throws IOException {
        if (discardNextLine) {
            // Ctrl-C flushed the half-typed line and Ctrl-D ended it, so no stale line is left to discard.
            discardNextLine = false;
            next();
            return true;
        }
        if (current == null) {
            return false;
        }
        AgentQuestion question = current;
        clearQuestion();
        out.println();
        out.println("Keyport: dismissed.");
        out.flush();
        answers.dismiss(question.id());
        next();
        return true;
    }

    boolean hasOpenQuestion() {
        return current != null;
    }

    private void next() {
        AgentQuestion question = pending.pollFirst();
        if (question == null) {
            return;
        }
        current = question;
        out.println();
        out.println("Keyport: request from " + safe(question.caller()) + ": " + safe(question.operation()) + " \""
                + safe(question.target()) + "\"");
        if (!question.warning().isEmpty()) {
            out.println("Keyport: " + safe(question.warning()));
        }
        prompt();
    }

    private void prompt() {
        String target = safe(current.target());
        String text = switch (current.kind()) {
            case AgentQuestion.PASSPHRASE -> "Passphrase for \"" + target + "\"";
            case AgentQuestion.NEW_PASSPHRASE ->
                firstEntry == null ? "New passphrase for \"" + target + "\"" : "Repeat the new passphrase";
            default -> "Type yes to allow it once, or always to allow it from now on";
        };
        out.print(text + " (" + DISMISS_HINT + "): ");
        out.flush();
    }

    private void answerWith(char[] chars) throws IOException {
        String kind = current.kind();
        if (kind.equals(AgentQuestion.CONFIRMATION)) {
            String answer = new String(chars).trim();
            boolean always = answer.equalsIgnoreCase("always");
            boolean yes = answer.equalsIgnoreCase("yes");
            long id = current.id();
            if (always) {
                finish("Keyport: allowed from now on.");
                answers.confirm(id, true);
            } else if (yes) {
                finish("Keyport: allowed.");
                answers.confirm(id, false);
            } else {
                finish("Keyport: denied.");
                answers.dismiss(id);
            }
            next();
        } else if (kind.equals(AgentQuestion.PASSPHRASE)) {
            sendPassphrase(chars);
        } else if (firstEntry == null) {
            if (chars.length == 0) {
                out.println("Keyport: the passphrase is empty. Type one, or dismiss the request.");
            } else {
                firstEntry = chars.clone();
            }
            prompt();
        } else {
            boolean same = Arrays.equals(firstEntry, chars);
            Arrays.fill(firstEntry, '\0');
            firstEntry = null;
            if (same) {
                sendPassphrase(chars);
            } else {
                out.println("Keyport: the passphrases differ. Try again.");
                prompt();
            }
        }
    }

    private void sendPassphrase(char[] chars) throws IOException {
        long id = current.id();
        finish("Keyport: sent.");
        byte[] passphrase = utf8(chars);
        try {
            answers.passphrase(id, passphrase);
        } finally {
            Arrays.fill(passphrase, (byte) 0);
        }
        next();
    }

    private void finish(String message) {
        clearQuestion();
        out.println(message);
        out.flush();
    }

    private void clearQuestion() {
        current = null;
        if (firstEntry != null) {
            Arrays.fill(firstEntry, '\0');
            firstEntry = null;
        }
    }

    private static String safe(String text) {
        return TerminalText.safe(text, TEXT_MAX);
    }

    /** Encodes {@code chars} as UTF-8 without a String, wiping the encoder's buffer. */
    static byte[] utf8(char[] chars) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }
}
