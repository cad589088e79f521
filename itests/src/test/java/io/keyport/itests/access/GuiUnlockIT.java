package io.keyport.itests.access;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.keyport.itests.CommandResult;
import io.keyport.itests.Commands;
import io.keyport.itests.Executables;
import io.keyport.itests.Poll;
import io.keyport.itests.prompt.TerminalPromptTestSupport;
import io.keyport.itests.prompt.Tmux;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The desktop feature on an Xvfb display: the GUI prompter outranks the terminal one, so a locked {@code login}
 * is unlocked through its Swing dialog, typed into with xdotool, while {@code secret-tool lookup} waits.
 */
public class GuiUnlockIT extends TerminalPromptTestSupport {

    private XvfbDisplay xvfb;

    @Before
    public void startLockedLoginOnDisplay() throws Exception {
        Executables.require(Executables.XDOTOOL);
        xvfb = XvfbDisplay.start();
        startKeyportWithLogin();
        storeItem("gui", "the gui secret");
        lockLogin();
    }

    @After
    public void stopXvfb() throws Exception {
        if (xvfb != null) {
            xvfb.close();
        }
    }

    @Override
    protected Map<String, String> environment() {
        Map<String, String> environment = super.environment();
        environment.put("KEYPORT_FEATURE", "desktop");
        if (xvfb != null) {
            environment.put("DISPLAY", xvfb.display());
        }
        environment.put("WAYLAND_DISPLAY", null);
        return environment;
    }

    @Test
    public void dialogUnlocksForWaitingSecretTool() {
        Tmux lookup = terminal("lookup", "secret-tool lookup service keyport-itests user gui");
        Poll.until(
                "the Keyport dialog to appear",
                () -> !xdotool("search", "--name", "^Keyport$").stdout().isBlank(),
                () -> describe() + "\n--- lookup:\n" + lookup.describe());
        assertTrue(describe(), keyportLog().contains("Showing a PASSPHRASE dialog"));
        // Keys sent before the password field has the focus are lost, so typing waits for it.
        Poll.until(
                "the password field to take the focus",
                () -> keyportLog().contains("The PASSPHRASE dialog takes typed input"),
                () -> describe() + "\n--- lookup:\n" + lookup.describe());

        CommandResult typed = xdotool("type", "--delay", "30", PASSPHRASE);
        assertEquals(typed.describe(), 0, typed.exitStatus());
        CommandResult enter = xdotool("key", "Return");
        assertEquals(enter.describe(), 0, enter.exitStatus());

        assertEquals(lookup.describe(), 0, lookup.awaitExit());
        assertTrue(lookup.describe(), lookup.screen().contains("the gui secret"));
        assertEquals(Optional.of(false), loginLocked());
    }

    private CommandResult xdotool(String... arguments) {
        List<String> command =
                new ArrayList<>(List.of(Executables.require(Executables.XDOTOOL).toString()));
        command.addAll(List.of(arguments));
        return Commands.run(environment(), command);
    }
}
