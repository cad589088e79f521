package io.keyport.prompter.tty.internal;

import io.keyport.api.prompt.PromptKind;
import io.keyport.api.prompt.PromptReply;
import io.keyport.api.prompt.PromptRequest;
import io.keyport.api.secret.SecretValue;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The conversation on one terminal: shows who asks and for what, takes the lines that the terminal's reader
 * delivers without echo, asks a new passphrase twice, and hands each answer on. It is driven by events from one
 * thread at a time.
 *
 * <p>The reader keeps a read pending all the time, so that nothing typed between questions is echoed or saved
 * up as the answer to the next one; a line that arrives while no question is open is wiped. After a question is
 * withdrawn the user may have typed half an answer, which the terminal keeps until Enter, so the next question
 * waits until that line has arrived and been wiped.
 */
final class TerminalDialog {

    private static final int TEXT_MAX = 200;

    private final PrintStream out;
    private final BiConsumer<Question, PromptReply> answers;
    private final String dismissHint;
    private final Deque<Question> pending = new ArrayDeque<>();
    private Question current;
    private char[] firstEntry;
    private boolean discardNextLine;

    /**
     * @param answers receives each question with its reply, which it then owns
     * @param dismissHint how the user dismisses on this terminal, such as {@code Ctrl-D dismisses}
     */
    TerminalDialog(PrintStream out, BiConsumer<Question, PromptReply> answers, String dismissHint) {
        this.out = out;
        this.answers = answers;
        this.dismissHint = dismissHint;
    }

    void show(Question question) {
        pending.addLast(question);
        if (current == null && !discardNextLine) {
            next();
        }
    }

    void withdraw(Question question) {
        if (pending.remove(question)) {
            return;
        }
        if (current != question) {
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

    /** Takes a line read without echo. This dialog owns {@code chars} and wipes them. */
    void line(char[] chars) {
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

    /** Handles Ctrl-D: dismisses the open question. Returns {@code false} when no question was open. */
    boolean endOfInput() {
        if (discardNextLine) {
            discardNextLine = false;
            next();
            return true;
        }
        if (current == null) {
            return false;
        }
        finish(PromptReply.dismissed());
        return true;
    }

    /** Dismisses every open and pending question, for a terminal that goes away. */
    void dismissAll() {
        List<Question> waiting = new ArrayList<>(pending);
        pending.clear();
        if (current != null) {
            Question question = current;
            clearQuestion();
            answers.accept(question, PromptReply.dismissed());
        }
        waiting.forEach(question -> answers.accept(question, PromptReply.dismissed()));
    }

    private void next() {
        Question question = pending.pollFirst();
        if (question == null) {
            return;
        }
        current = question;
        PromptRequest request = question.request();
        out.println();
        out.println("Keyport: request from " + safe(request.caller().describe()) + ": " + safe(request.operation())
                + " \"" + safe(request.target()) + "\"");
        if (!request.warning().isEmpty()) {
            out.println("Keyport: " + safe(request.warning()));
        }
        prompt();
    }

    private void prompt() {
        String target = safe(current.request().target());
        String text = switch (current.request().kind()) {
            case PASSPHRASE -> "Passphrase for \"" + target + "\"";
            case NEW_PASSPHRASE ->
                firstEntry == null ? "New passphrase for \"" + target + "\"" : "Repeat the new passphrase";
            case CONFIRMATION -> "Type yes to allow it once, or always to allow it from now on";
        };
        out.print(text + " (" + dismissHint + "): ");
        out.flush();
    }

    private void answerWith(char[] chars) {
        PromptKind kind = current.request().kind();
        if (kind == PromptKind.CONFIRMATION) {
            String answer = new String(chars).trim();
            if (answer.equalsIgnoreCase("always")) {
                finish(PromptReply.confirmedAlways());
            } else {
                finish(answer.equalsIgnoreCase("yes") ? PromptReply.confirmed() : PromptReply.dismissed());
            }
        } else if (kind == PromptKind.PASSPHRASE) {
            finish(PromptReply.passphrase(SecretValue.wrap(utf8(chars), "text/plain")));
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
                finish(PromptReply.passphrase(SecretValue.wrap(utf8(chars), "text/plain")));
            } else {
                out.println("Keyport: the passphrases differ. Try again.");
                prompt();
            }
        }
    }

    private void finish(PromptReply reply) {
        Question question = current;
        clearQuestion();
        out.println(reply.isDismissed() ? "Keyport: dismissed." : "Keyport: sent.");
        out.flush();
        answers.accept(question, reply);
        next();
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
