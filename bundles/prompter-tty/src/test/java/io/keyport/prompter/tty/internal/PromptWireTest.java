package io.keyport.prompter.tty.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

public class PromptWireTest {

    @Test
    public void textRoundTrips() {
        for (String value : List.of(
                "",
                "-",
                "--",
                "Login",
                "a b",
                "100%",
                "two\nlines",
                "tab\there",
                "Ünïcödé 鍵",
                "\u001b[31mred",
                "%2D")) {
            assertEquals(value, PromptWire.decodeText(PromptWire.text(value)));
        }
    }

    @Test
    public void textEscapesSpaceAndControls() {
        assertEquals("a%20b%0A%25%7F", PromptWire.text("a b\n%\u007f"));
    }

    @Test
    public void textHasNoSpaceOrNewline() {
        String encoded = PromptWire.text(":1.42 (pid 4711, /usr/bin/secret tool)\r\n");

        assertEquals(-1, encoded.indexOf(' '));
        assertEquals(-1, encoded.indexOf('\n'));
        assertEquals(-1, encoded.indexOf('\r'));
    }

    @Test
    public void emptyTextIsDash() {
        assertEquals("-", PromptWire.text(""));
        assertEquals("%2D", PromptWire.text("-"));
    }

    @Test
    public void brokenEscapeRejected() {
        assertThrows(PromptWire.MalformedLineException.class, () -> PromptWire.decodeText("a%2"));
        assertThrows(PromptWire.MalformedLineException.class, () -> PromptWire.decodeText("a%zz"));
    }

    @Test
    public void secretLineRoundTrips() {
        byte[] secret = "pass phrase\nwith newline".getBytes(UTF_8);

        byte[] line = PromptWire.lineWithSecret("PASSPHRASE 7", secret);

        assertEquals(List.of("PASSPHRASE", "7"), PromptWire.fieldsBeforeSecret(line, 2));
        assertArrayEquals(secret, PromptWire.secretField(line, 2));
        assertEquals(-1, new String(line, UTF_8).indexOf('\n'));
    }

    @Test
    public void secretFieldRejectsExtraField() {
        byte[] line = "PASSPHRASE 7 cHc= extra".getBytes(UTF_8);

        assertThrows(PromptWire.MalformedLineException.class, () -> PromptWire.secretField(line, 2));
    }

    @Test
    public void secretFieldRejectsMissingField() {
        byte[] line = "PASSPHRASE 7".getBytes(UTF_8);

        assertThrows(PromptWire.MalformedLineException.class, () -> PromptWire.secretField(line, 2));
    }

    @Test
    public void secretFieldRejectsInvalidBase64() {
        byte[] line = "PASSPHRASE 7 not*base64".getBytes(UTF_8);

        assertThrows(PromptWire.MalformedLineException.class, () -> PromptWire.secretField(line, 2));
    }

    @Test
    public void malformedMessageNamesNoSecret() {
        byte[] line = "PASSPHRASE 7 c2VjcmV0LWNhbmFyeQ==*".getBytes(UTF_8);

        PromptWire.MalformedLineException e =
                assertThrows(PromptWire.MalformedLineException.class, () -> PromptWire.secretField(line, 2));

        assertEquals("The passphrase field is not valid base64", e.getMessage());
    }

    @Test
    public void commandIsFirstField() {
        assertEquals("DISMISS", PromptWire.command("DISMISS 3".getBytes(UTF_8)));
        assertEquals("READY", PromptWire.command("READY".getBytes(UTF_8)));
    }

    @Test
    public void idAcceptsPositiveNumbersOnly() {
        assertEquals(12L, PromptWire.id("12"));
        assertThrows(PromptWire.MalformedLineException.class, () -> PromptWire.id("0"));
        assertThrows(PromptWire.MalformedLineException.class, () -> PromptWire.id("-3"));
        assertThrows(PromptWire.MalformedLineException.class, () -> PromptWire.id("x"));
    }
}
