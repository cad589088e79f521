package io.keyport.launcher;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class AgentDialogTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final List<String> sent = new ArrayList<>();
    private final AgentDialog dialog =
            new AgentDialog(new PrintStream(output, true, StandardCharsets.UTF_8), new AgentDialog.Answers() {
                @Override
                public void passphrase(long id, byte[] passphrase) {
                    sent.add("PASSPHRASE " + id + " " + new String(passphrase, StandardCharsets.UTF_8));
                }

                @Override
                public void confirm(long id, boolean always) {
                    sent.add("CONFIRM " + id + (always ? " ALWAYS" : ""));
                }

                @Override
                public void dismiss(long id) {
                    sent.add("DISMISS " + id);
                }
            });

    @Test
    public void questionNamesCallerOperationAndTarget() {
        dialog.show(question(1, AgentQuestion.PASSPHRASE, "Login"));

        assertTrue(
                output(), output().contains("request from :1.42 (pid 4711, /usr/bin/secret-tool): Unlock \"Login\""));
        assertTrue(output(), output().endsWith("Passphrase for \"Login\" (Ctrl-C or Ctrl-D dismisses): "));
    }

    @Test
    public void passphraseSent() throws Exception {
        dialog.show(question(1, AgentQuestion.PASSPHRASE, "Login"));

        dialog.line("right".toCharArray());

        assertEquals(List.of("PASSPHRASE 1 right"), sent);
        assertFalse(dialog.hasOpenQuestion());
    }

    @Test
    public void lineWipedAfterUse() throws Exception {
        dialog.show(question(1, AgentQuestion.PASSPHRASE, "Login"));
        char[] line = "right".toCharArray();

        dialog.line(line);

        assertArrayEquals(new char[5], line);
    }

    @Test
    public void newPassphraseAskedTwice() throws Exception {
        dialog.show(question(3, AgentQuestion.NEW_PASSPHRASE, "Work"));

        dialog.line("fresh".toCharArray());

        assertEquals(List.of(), sent);
        dialog.line("fresh".toCharArray());
        assertEquals(List.of("PASSPHRASE 3 fresh"), sent);
    }

    @Test
    public void differentEntriesAskAgain() throws Exception {
        dialog.show(question(3, AgentQuestion.NEW_PASSPHRASE, "Work"));

        dialog.line("one".toCharArray());
        dialog.line("two".toCharArray());

        assertEquals(List.of(), sent);
        assertTrue(output(), output().contains("the passphrases differ. Try again."));
        dialog.line("three".toCharArray());
        dialog.line("three".toCharArray());
        assertEquals(List.of("PASSPHRASE 3 three"), sent);
    }

    @Test
    public void emptyNewPassphraseAsksAgain() throws Exception {
        dialog.show(question(3, AgentQuestion.NEW_PASSPHRASE, "Work"));

        dialog.line(new char[0]);

        assertEquals(List.of(), sent);
        assertTrue(output(), output().contains("the passphrase is empty"));
    }

    @Test
    public void interruptDismissesOpenQuestion() throws Exception {
        dialog.show(question(5, AgentQuestion.PASSPHRASE, "Login"));

        assertTrue(dialog.dismissOrDetach());

        assertEquals(List.of("DISMISS 5"), sent);
    }

    @Test
    public void interruptWithoutQuestionDetaches() throws Exception {
        assertFalse(dialog.dismissOrDetach());
    }

    @Test
    public void confirmationNeedsYes() throws Exception {
        dialog.show(question(1, AgentQuestion.CONFIRMATION, "Item"));
        dialog.line("YES".toCharArray());
        dialog.show(question(2, AgentQuestion.CONFIRMATION, "Item"));
        dialog.line("no".toCharArray());

        assertEquals(List.of("CONFIRM 1", "DISMISS 2"), sent);
    }

    @Test
    public void confirmationAlwaysAllowsFromNowOn() throws Exception {
        dialog.show(question(1, AgentQuestion.CONFIRMATION, "Item"));
        dialog.line(" Always ".toCharArray());

        assertEquals(List.of("CONFIRM 1 ALWAYS"), sent);
    }

    @Test
    public void withdrawnQuestionWaitsForStaleLine() throws Exception {
        dialog.show(question(1, AgentQuestion.PASSPHRASE, "First"));
        dialog.withdraw(1);
        dialog.show(question(2, AgentQuestion.PASSPHRASE, "Second"));

        dialog.line("half typed".toCharArray());

        assertEquals(List.of(), sent);
        assertTrue(output(), output().contains("Passphrase for \"Second\""));
        dialog.line("two".toCharArray());
        assertEquals(List.of("PASSPHRASE 2 two"), sent);
    }

    @Test
    public void interruptEndsStaleLineWait() throws Exception {
        dialog.show(question(1, AgentQuestion.PASSPHRASE, "First"));
        dialog.withdraw(1);
        dialog.show(question(2, AgentQuestion.PASSPHRASE, "Second"));

        assertTrue(dialog.dismissOrDetach());

        assertTrue(dialog.hasOpenQuestion());
        assertEquals(List.of(), sent);
    }

    @Test
    public void lineWithoutQuestionDiscarded() throws Exception {
        dialog.line("typed ahead".toCharArray());

        assertEquals(List.of(), sent);
        assertTrue(output(), output().contains("no question is open"));
    }

    @Test
    public void escapeSequenceNotPrinted() {
        dialog.show(new AgentQuestion(1, AgentQuestion.PASSPHRASE, "Unlock", "Login\u001b[2J", "\u001b]0;x\u0007", ""));

        assertFalse(output().contains("\u001b"));
        assertFalse(output().contains("\u0007"));
    }

    private static AgentQuestion question(long id, String kind, String target) {
        return new AgentQuestion(id, kind, "Unlock", target, ":1.42 (pid 4711, /usr/bin/secret-tool)", "");
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
