package io.keyport.itests.prompt;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.keyport.itests.CommandResult;
import io.keyport.itests.Poll;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.Before;
import org.junit.Test;

/**
 * {@code keyport prompt} in a real pseudo-terminal answering Keyport's unlock prompts for a locked, persistent
 * {@code login}, as over SSH: the agent runs in one terminal while clients wait in others.
 */
public class PromptAgentIT extends TerminalPromptTestSupport {

    private static final String QUESTION = "Passphrase for \"Login\"";

    @Before
    public void startLockedLogin() throws Exception {
        startKeyportWithLogin();
        storeItem("prompt", "the stored secret");
        lockLogin();
    }

    @Test
    public void agentUnlocksForWaitingSecretTool() {
        Tmux agent = promptAgent("agent");
        Tmux lookup = terminal("lookup", "secret-tool lookup service keyport-itests user prompt");

        agent.awaitText(QUESTION);
        agent.typeLine(PASSPHRASE);

        assertEquals(lookup.describe(), 0, lookup.awaitExit());
        assertTrue(lookup.describe(), lookup.screen().contains("the stored secret"));
        assertEquals(Optional.of(false), loginLocked());
    }

    @Test
    public void questionNamesCallingProgram() {
        Tmux agent = promptAgent("agent");
        terminal("lookup", "secret-tool lookup service keyport-itests user prompt");

        agent.awaitText(QUESTION);

        String screen = agent.screen();
        assertTrue(agent.describe(), screen.contains("request from :"));
        assertTrue(agent.describe(), screen.contains("secret-tool)"));
        assertTrue(agent.describe(), screen.contains("Unlock \"Login\""));
    }

    @Test
    public void passphraseNotEchoed() {
        Tmux agent = promptAgent("agent");
        terminal("lookup", "secret-tool lookup service keyport-itests user prompt");
        agent.awaitText(QUESTION);

        agent.typeLine(PASSPHRASE);

        agent.awaitText("Keyport: sent.");
        assertFalse(agent.describe(), agent.screen().contains(PASSPHRASE));
        assertFalse(describe(), keyportLog().contains(PASSPHRASE));
    }

    @Test
    public void ctrlCDismissesQuestion() throws Exception {
        Tmux agent = promptAgent("agent");
        UnlockClient client = unlockClients(1);
        agent.awaitText(QUESTION);

        agent.press("C-c");

        assertEquals(List.of("dismissed"), client.awaitResults(1));
        assertEquals(Optional.of(true), loginLocked());
        agent.awaitText("Keyport: dismissed.");
        assertFalse(agent.describe(), agent.screen().contains("EXIT="));
    }

    @Test
    public void ctrlDDismissesQuestion() throws Exception {
        Tmux agent = promptAgent("agent");
        UnlockClient client = unlockClients(1);
        agent.awaitText(QUESTION);

        agent.press("C-d");

        assertEquals(List.of("dismissed"), client.awaitResults(1));
        assertFalse(agent.describe(), agent.screen().contains("EXIT="));
    }

    @Test
    public void ctrlCWithoutQuestionDetaches() {
        Tmux agent = promptAgent("agent");

        agent.press("C-c");

        assertEquals(agent.describe(), 0, agent.awaitExit());
        CommandResult status = keyport("", "status");
        assertTrue(status.describe(), status.stdout().contains("no terminal agent is attached"));
    }

    @Test
    public void wrongThenRightPassphrase() throws Exception {
        Tmux agent = promptAgent("agent");
        UnlockClient client = unlockClients(1);
        agent.awaitText(QUESTION);

        agent.typeLine("not the passphrase");
        agent.awaitText("The passphrase was wrong. Try again.");
        agent.typeLine(PASSPHRASE);

        assertEquals(List.of("completed"), client.awaitResults(1));
        assertEquals(Optional.of(false), loginLocked());
    }

    @Test
    public void agentExitDismissesOpenQuestion() throws Exception {
        Tmux agent = promptAgent("agent");
        UnlockClient client = unlockClients(1);
        agent.awaitText(QUESTION);

        agent.close();

        assertEquals(List.of("dismissed"), client.awaitResults(1));
    }

    /**
     * Twenty clients unlock login at once. Keyport may share one question among them, so the agent answers
     * every question that appears until each client has its result.
     */
    @Test
    public void twentyConcurrentUnlocksAnswered() throws Exception {
        Tmux agent = promptAgent("agent");
        UnlockClient clients = unlockClients(20);
        Poll.until(
                "20 clients to wait for the prompt",
                () -> Collections.frequency(prefixes(clients.lines()), "prompted") == 20,
                clients::describe);

        int[] answered = {0};
        Poll.until(
                "every client to get its result",
                () -> {
                    if (Tmux.occurrences(agent.screen(), QUESTION) > answered[0]) {
                        agent.typeLine(PASSPHRASE);
                        answered[0]++;
                    }
                    return Collections.frequency(prefixes(clients.lines()), "result") == 20;
                },
                () -> clients.describe() + "\n" + agent.describe());

        assertEquals(Collections.nCopies(20, "completed"), clients.awaitResults(20));
        assertEquals(Optional.of(false), loginLocked());
    }

    @Test
    public void statusShowsAttachedAgent() {
        CommandResult before = keyport("", "status");
        promptAgent("agent");

        CommandResult after = keyport("", "status");

        assertTrue(before.describe(), before.stdout().contains("unavailable: no terminal agent is attached"));
        assertTrue(after.describe(), after.stdout().contains("(ranking 10): available"));
    }

    private static List<String> prefixes(List<String> lines) {
        return lines.stream().map(line -> line.split(" ")[0]).toList();
    }
}
