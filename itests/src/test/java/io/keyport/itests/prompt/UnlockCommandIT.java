package io.keyport.itests.prompt;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.keyport.itests.CommandResult;
import io.keyport.itests.Commands;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

/** {@code keyport unlock}: from a script, a file descriptor, a systemd credential and a terminal. */
public class UnlockCommandIT extends TerminalPromptTestSupport {

    @Test
    public void stdinUnlocksLogin() throws Exception {
        startKeyportWithLogin();
        lockLogin();

        CommandResult result = keyport(PASSPHRASE + "\n", "unlock", "--stdin");

        assertEquals(result.describe(), 0, result.exitStatus());
        assertEquals(result.describe(), "Unlocked collection login.\n", result.stdout());
        assertEquals(Optional.of(false), loginLocked());
    }

    @Test
    public void wrongPassphraseExitsSeven() throws Exception {
        startKeyportWithLogin();
        lockLogin();

        CommandResult result = keyport("not the passphrase\n", "unlock", "--stdin");

        assertEquals(result.describe(), 7, result.exitStatus());
        assertTrue(result.describe(), result.stderr().contains("does not unlock collection login"));
        assertEquals(Optional.of(true), loginLocked());
    }

    @Test
    public void unknownCollectionExitsEight() throws Exception {
        startKeyportWithLogin();

        CommandResult result = keyport("", "unlock", "--stdin", "nope");

        assertEquals(result.describe(), 8, result.exitStatus());
        assertTrue(result.describe(), result.stderr().contains("no collection nope"));
        assertTrue(result.describe(), result.stderr().contains("login"));
    }

    @Test
    public void unlockedCollectionExitsZeroWithoutPassphrase() throws Exception {
        startKeyportWithLogin();

        CommandResult result = keyport("", "unlock");

        assertEquals(result.describe(), 0, result.exitStatus());
        assertTrue(result.describe(), result.stdout().contains("already unlocked"));
    }

    @Test
    public void notRunningExitsFive() {
        sandbox = sandboxWithoutBus();

        CommandResult result = keyport(PASSPHRASE + "\n", "unlock", "--stdin");

        assertEquals(result.describe(), 5, result.exitStatus());
        assertTrue(result.describe(), result.stderr().contains("Keyport is not running"));
    }

    @Test
    public void fileDescriptorUnlocksLogin() throws Exception {
        startKeyportWithLogin();
        lockLogin();
        Path file = Files.writeString(sandbox.root().resolve("passphrase"), PASSPHRASE, StandardCharsets.UTF_8);

        CommandResult result = Commands.run(
                environment(), List.of("/bin/sh", "-c", "exec '" + launcher() + "' unlock --fd 3 3<'" + file + "'"));

        assertEquals(result.describe(), 0, result.exitStatus());
        assertEquals(Optional.of(false), loginLocked());
    }

    @Test
    public void systemdCredentialUnlocksLogin() throws Exception {
        startKeyportWithLogin();
        lockLogin();
        Path credentials = Files.createDirectory(sandbox.root().resolve("credentials"));
        Files.writeString(credentials.resolve("keyport-login"), PASSPHRASE + "\n", StandardCharsets.UTF_8);

        Map<String, String> environment = new HashMap<>(environment());
        environment.put("CREDENTIALS_DIRECTORY", credentials.toString());

        CommandResult result = Commands.run(environment, List.of(launcher().toString(), "unlock"));

        assertEquals(result.describe(), 0, result.exitStatus());
        assertEquals(Optional.of(false), loginLocked());
    }

    @Test
    public void terminalReadsWithoutEcho() throws Exception {
        startKeyportWithLogin();
        lockLogin();
        Tmux shell = terminal("shell", "'" + launcher() + "' unlock");
        shell.awaitText("Passphrase for collection login:");

        shell.typeLine(PASSPHRASE);

        assertEquals(shell.describe(), 0, shell.awaitExit());
        assertFalse(shell.describe(), shell.screen().contains(PASSPHRASE));
        assertEquals(Optional.of(false), loginLocked());
    }

    @Test
    public void noPassphraseSourceExitsTwo() throws Exception {
        startKeyportWithLogin();
        lockLogin();

        CommandResult result = keyport("", "unlock");

        assertEquals(result.describe(), 2, result.exitStatus());
        assertTrue(result.describe(), result.stderr().contains("--stdin"));
    }

    @Test
    public void promptWithoutKeyportExitsFive() {
        sandbox = sandboxWithoutBus();

        Tmux agent = terminal("agent", "'" + launcher() + "' prompt");

        assertEquals(agent.describe(), 5, agent.awaitExit());
        assertTrue(agent.describe(), agent.screen().contains("Keyport is not running"));
    }
}
