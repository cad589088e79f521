package io.keyport.prompter.tty.internal;

import static io.keyport.prompter.tty.internal.TestRequests.request;
import static io.keyport.prompter.tty.internal.TestRequests.text;
import static io.keyport.prompter.tty.internal.TestRequests.unlock;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.keyport.api.prompt.PromptKind;
import io.keyport.api.prompt.PromptReply;
import io.keyport.api.prompt.PromptRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.Test;

public class TerminalDialogTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final List<Question> answered = new ArrayList<>();
    private final List<PromptReply> replies = new ArrayList<>();
    private final TerminalDialog dialog = new TerminalDialog(
            new PrintStream(output, true, StandardCharsets.UTF_8),
            (question, reply) -> {
                answered.add(question);
                replies.add(reply);
            },
            "Ctrl-D dismisses");
    private long nextId = 1;

    @Test
    public void questionNamesCallerAndTarget() {
        dialog.show(question(unlock("Login")));

        assertTrue(output(), output().contains(TestRequests.CALLER.describe()));
        assertTrue(output(), output().contains("Unlock \"Login\""));
        assertTrue(output(), output().contains("Passphrase for \"Login\" (Ctrl-D dismisses): "));
    }

    @Test
    public void warningShown() {
        dialog.show(question(unlock("Login").withWarning("The passphrase was wrong. Try again.")));

        assertTrue(output(), output().contains("The passphrase was wrong. Try again."));
    }

    @Test
    public void passphraseAnswered() {
        dialog.show(question(unlock("Login")));

        dialog.line("right".toCharArray());

        assertEquals("right", text(replies.get(0)));
    }

    @Test
    public void lineWipedAfterUse() {
        dialog.show(question(unlock("Login")));
        char[] line = "right".toCharArray();

        dialog.line(line);

        assertArrayEquals(new char[5], line);
    }

    @Test
    public void newPassphraseAskedTwice() {
        dialog.show(question(request(PromptKind.NEW_PASSPHRASE, "Work")));

        dialog.line("fresh".toCharArray());

        assertTrue(replies.isEmpty());
        assertTrue(output(), output().endsWith("Repeat the new passphrase (Ctrl-D dismisses): "));
        dialog.line("fresh".toCharArray());
        assertEquals("fresh", text(replies.get(0)));
    }

    @Test
    public void differentEntriesAskAgain() {
        dialog.show(question(request(PromptKind.NEW_PASSPHRASE, "Work")));

        dialog.line("one".toCharArray());
        dialog.line("two".toCharArray());

        assertTrue(replies.isEmpty());
        assertTrue(output(), output().contains("the passphrases differ. Try again."));
        dialog.line("three".toCharArray());
        dialog.line("three".toCharArray());
        assertEquals("three", text(replies.get(0)));
    }

    @Test
    public void emptyNewPassphraseAsksAgain() {
        dialog.show(question(request(PromptKind.NEW_PASSPHRASE, "Work")));

        dialog.line(new char[0]);

        assertTrue(replies.isEmpty());
        assertTrue(output(), output().contains("the passphrase is empty"));
    }

    @Test
    public void endOfInputDismisses() {
        dialog.show(question(unlock("Login")));

        boolean handled = dialog.endOfInput();

        assertTrue(handled);
        assertTrue(replies.get(0).isDismissed());
    }

    @Test
    public void endOfInputWithoutQuestionNotHandled() {
        assertFalse(dialog.endOfInput());
    }

    @Test
    public void confirmationNeedsYes() {
        dialog.show(question(request(PromptKind.CONFIRMATION, "Item")));
        dialog.line("yes".toCharArray());
        dialog.show(question(request(PromptKind.CONFIRMATION, "Item")));
        dialog.line("y".toCharArray());

        assertTrue(replies.get(0).isConfirmed());
        assertTrue(replies.get(1).isDismissed());
    }

    @Test
    public void confirmationAlwaysAllowsFromNowOn() {
        dialog.show(question(request(PromptKind.CONFIRMATION, "Item")));
        dialog.line("ALWAYS".toCharArray());

        assertTrue(replies.get(0).isConfirmed());
        assertTrue(replies.get(0).isAlways());
    }

    @Test
    public void nextQuestionShownAfterAnswer() {
        Question first = question(unlock("First"));
        Question second = question(unlock("Second"));
        dialog.show(first);
        dialog.show(second);

        dialog.line("one".toCharArray());
        dialog.line("two".toCharArray());

        assertEquals(List.of(first, second), answered);
    }

    @Test
    public void withdrawWaitsForStaleLine() {
        Question first = question(unlock("First"));
        dialog.show(first);
        dialog.withdraw(first);
        dialog.show(question(unlock("Second")));

        assertFalse(output(), output().contains("Second"));
        dialog.line("half typed".toCharArray());

        assertTrue(replies.isEmpty());
        assertTrue(output(), output().contains("Passphrase for \"Second\""));
        dialog.line("two".toCharArray());
        assertEquals("two", text(replies.get(0)));
    }

    @Test
    public void lineWithoutQuestionDiscarded() {
        char[] line = "typed ahead".toCharArray();

        dialog.line(line);

        assertTrue(replies.isEmpty());
        assertArrayEquals(new char[line.length], line);
    }

    @Test
    public void escapeSequenceInLabelNotPrinted() {
        dialog.show(question(unlock("Login\u001b[2J")));

        assertFalse(output().contains("\u001b"));
    }

    @Test
    public void dismissAllAnswersEveryQuestion() {
        dialog.show(question(unlock("First")));
        dialog.show(question(unlock("Second")));

        dialog.dismissAll();

        assertEquals(2, replies.size());
        assertTrue(replies.get(0).isDismissed());
        assertTrue(replies.get(1).isDismissed());
    }

    private Question question(PromptRequest request) {
        return new Question(nextId++, request, new CompletableFuture<>());
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
