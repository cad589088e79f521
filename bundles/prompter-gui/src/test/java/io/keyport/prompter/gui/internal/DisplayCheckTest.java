package io.keyport.prompter.gui.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import org.junit.Test;

public class DisplayCheckTest {

    @Test
    public void noDisplayVariable() {
        DisplayCheck check = new DisplayCheck(Map.<String, String>of()::get, () -> false, () -> "");
        assertTrue(check.unavailableReason().contains("neither DISPLAY nor WAYLAND_DISPLAY"));
    }

    @Test
    public void waylandWithoutX() {
        DisplayCheck check = new DisplayCheck(Map.of("WAYLAND_DISPLAY", "wayland-0")::get, () -> false, () -> "");
        assertTrue(check.unavailableReason().contains("DISPLAY is not"));
    }

    @Test
    public void headlessJava() {
        DisplayCheck check = new DisplayCheck(Map.of("DISPLAY", ":0")::get, () -> true, () -> "");
        assertTrue(check.unavailableReason().contains("headless"));
    }

    @Test
    public void connectionFailureNamesDisplay() {
        DisplayCheck check = new DisplayCheck(Map.of("DISPLAY", ":77")::get, () -> false, () -> "AWTError refused");
        assertEquals("cannot connect to the X display :77: AWTError refused", check.unavailableReason());
    }

    @Test
    public void workingConnectionIsAvailable() {
        int[] attempts = {0};
        DisplayCheck check = new DisplayCheck(Map.of("DISPLAY", ":0")::get, () -> false, () -> {
            attempts[0]++;
            return "";
        });
        assertEquals("", check.unavailableReason());
        assertEquals("", check.unavailableReason());
        assertEquals("connects once", 1, attempts[0]);
    }

    @Test
    public void unavailablePrompterDismissesAtOnce() throws Exception {
        SwingPrompter prompter =
                new SwingPrompter(new DisplayCheck(Map.<String, String>of()::get, () -> false, () -> ""));
        assertTrue(!prompter.isAvailable());
        assertTrue(prompter.ask(new io.keyport.api.prompt.PromptRequest(
                        io.keyport.api.prompt.PromptKind.PASSPHRASE, "unlock", "login", DialogDriver.CALLER, "", ""))
                .get()
                .isDismissed());
    }

    @Test
    public void dialogTextDropsControlCharacters() {
        assertEquals("a?b", DialogText.safe("a\nb"));
        assertEquals(DialogText.MAX_LENGTH + 1, DialogText.safe("x".repeat(500)).length());
    }
}
