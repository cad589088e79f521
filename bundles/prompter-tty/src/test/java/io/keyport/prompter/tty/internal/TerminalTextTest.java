package io.keyport.prompter.tty.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class TerminalTextTest {

    @Test
    public void escapeSequenceReplaced() {
        assertEquals("?[2J?]0;owned?", TerminalText.safe("\u001b[2J\u001b]0;owned\u0007", 100));
    }

    @Test
    public void bidiOverrideReplaced() {
        assertEquals("Login?txt.exe", TerminalText.safe("Login\u202etxt.exe", 100));
    }

    @Test
    public void c1ControlReplaced() {
        assertEquals("a?b", TerminalText.safe("a\u009bb", 100));
    }

    @Test
    public void plainTextKept() {
        assertEquals(
                ":1.42 (pid 4711, /usr/bin/secret-tool) Ünïcödé 🔑",
                TerminalText.safe(":1.42 (pid 4711, /usr/bin/secret-tool) Ünïcödé 🔑", 100));
    }

    @Test
    public void longTextCut() {
        assertEquals("abc...", TerminalText.safe("abcdef", 3));
        assertEquals("abc", TerminalText.safe("abc", 3));
    }
}
