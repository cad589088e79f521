package io.keyport.itests.access;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.keyport.itests.Poll;
import io.keyport.itests.prompt.TerminalPromptTestSupport;
import io.keyport.itests.prompt.Tmux;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Before;
import org.junit.Test;

/**
 * Per-program access control with the real distribution: an item that {@code secret-tool} stored is read by
 * {@code /usr/bin/python3} with secretstorage, a different executable, so Keyport asks on the attached
 * {@code keyport prompt} agent first. Every read, write and denial lands in {@code audit.log}.
 */
public class AccessPromptIT extends TerminalPromptTestSupport {

    private static final String USER = "access-user-x9";
    private static final String SECRET = "the access-controlled secret";
    private static final String QUESTION = "Type yes to allow it";

    private static final String READER = String.join(
            "\n",
            "import sys, secretstorage",
            "connection = secretstorage.dbus_init()",
            "collection = secretstorage.get_default_collection(connection)",
            "items = list(collection.search_items({'service': 'keyport-itests', 'user': sys.argv[1]}))",
            "try:",
            "    print('SECRET=' + items[0].get_secret().decode())",
            "except Exception as error:",
            "    print('FAILED=' + type(error).__name__ + ' ' + str(error))",
            "");

    private static final String DELETER = String.join(
            "\n",
            "import secretstorage",
            "connection = secretstorage.dbus_init()",
            "collection = secretstorage.get_default_collection(connection)",
            "try:",
            "    collection.delete()",
            "    print('DELETED')",
            "except Exception as error:",
            "    print('FAILED=' + type(error).__name__ + ' ' + str(error))",
            "");

    private int readers;

    @Before
    public void storeWithSecretTool() throws Exception {
        startKeyportWithLogin();
        storeItem(USER, SECRET);
    }

    @Test
    public void creatorReadsWithoutQuestion() {
        Tmux agent = promptAgent("agent");
        Tmux lookup = terminal("lookup", "secret-tool lookup service keyport-itests user " + USER);

        assertEquals(lookup.describe(), 0, lookup.awaitExit());
        assertTrue(lookup.describe(), lookup.screen().contains(SECRET));
        assertFalse(agent.describe(), agent.screen().contains(QUESTION));
        assertTrue(audit(), audit().contains("op=GetSecret"));
        assertTrue(audit(), audit().contains("reason=creator"));
    }

    @Test
    public void otherProgramDeniedWhenRefused() {
        Tmux agent = promptAgent("agent");
        Tmux reader = pythonReader();

        agent.awaitText(QUESTION);
        String question = agent.screen();
        assertTrue(agent.describe(), question.contains("python3"));
        assertTrue(agent.describe(), question.contains("reading the secret of \"Terminal prompt test\""));
        agent.typeLine("no");

        assertEquals(reader.describe(), 0, reader.awaitExit());
        assertTrue(reader.describe(), reader.screen().contains("FAILED="));
        assertTrue(reader.describe(), reader.screen().contains("org.freedesktop.DBus.Error.AccessDenied"));
        assertFalse(reader.describe(), reader.screen().contains(SECRET));
        assertTrue(audit(), audit().contains("decision=deny reason=user"));
    }

    @Test
    public void otherProgramAllowedWhenApproved() {
        Tmux agent = promptAgent("agent");
        Tmux reader = pythonReader();

        agent.awaitText(QUESTION);
        agent.typeLine("yes");

        assertEquals(reader.describe(), 0, reader.awaitExit());
        assertTrue(reader.describe(), reader.screen().contains("SECRET=" + SECRET));
        assertTrue(audit(), audit().contains("decision=allow reason=user"));
    }

    @Test
    public void alwaysAnswerSkipsLaterQuestions() {
        Tmux agent = promptAgent("agent");
        Tmux first = pythonReader();
        agent.awaitText(QUESTION);
        agent.typeLine("always");
        assertEquals(first.describe(), 0, first.awaitExit());
        assertTrue(first.describe(), first.screen().contains("SECRET=" + SECRET));

        Tmux second = pythonReader();

        assertEquals(second.describe(), 0, second.awaitExit());
        assertTrue(second.describe(), second.screen().contains("SECRET=" + SECRET));
        assertEquals(agent.describe(), 1, agent.screen().split(QUESTION, -1).length - 1);
        assertTrue(audit(), audit().contains("decision=allow reason=user-always"));
        assertTrue(audit(), audit().contains("decision=allow reason=always"));
    }

    @Test
    public void questionWithdrawnWhenReaderExits() {
        Tmux agent = promptAgent("agent");
        Tmux gone = pythonReader();
        agent.awaitText(QUESTION);

        // Ctrl-C ends the reader and the pane's shell with it, so the pane shows no exit status.
        gone.press("C-c");
        agent.awaitText("the request was withdrawn");
        agent.press("Enter");
        Tmux second = pythonReader();
        agent.awaitText(QUESTION, 2);
        agent.typeLine("yes");

        assertEquals(second.describe(), 0, second.awaitExit());
        assertTrue(second.describe(), second.screen().contains("SECRET=" + SECRET));
        assertTrue(audit(), audit().contains("decision=deny reason=caller-gone"));
        assertTrue(audit(), audit().contains("decision=allow reason=user"));
    }

    @Test
    public void loginDeleteAskedAndRefused() {
        Tmux agent = promptAgent("agent");
        Tmux deleter = python("delete_login.py", DELETER);

        agent.awaitText(QUESTION);
        assertTrue(agent.describe(), agent.screen().contains("deleting the whole collection"));
        agent.typeLine("no");

        assertEquals(deleter.describe(), 0, deleter.awaitExit());
        assertTrue(deleter.describe(), deleter.screen().contains("org.freedesktop.DBus.Error.AccessDenied"));
        Tmux lookup = terminal("lookup", "secret-tool lookup service keyport-itests user " + USER);
        assertEquals(lookup.describe(), 0, lookup.awaitExit());
        assertTrue(lookup.describe(), lookup.screen().contains(SECRET));
        assertTrue(audit(), audit().contains(" op=Delete path=" + LOGIN_PATH + " decision=deny reason=user"));
    }

    @Test
    public void auditLogShowsWriteDenialAndRead() {
        Tmux agent = promptAgent("agent");
        Tmux refused = pythonReader();
        agent.awaitText(QUESTION);
        agent.typeLine("no");
        refused.awaitExit();
        Tmux approved = pythonReader();
        agent.awaitText(QUESTION, 2);
        agent.typeLine("yes");
        approved.awaitExit();

        List<String> lines = audit().lines().toList();
        assertTrue(
                audit(),
                lines.stream()
                        .anyMatch(line -> line.contains(" op=CreateItem ")
                                && line.contains(" decision=allow ")
                                && line.contains("secret-tool")));
        assertTrue(
                audit(),
                lines.stream()
                        .anyMatch(line -> line.contains(" op=GetSecret ")
                                && line.contains(" decision=deny reason=user ")
                                && line.contains("python3")));
        assertTrue(
                audit(),
                lines.stream()
                        .anyMatch(line -> line.contains(" op=GetSecret ")
                                && line.contains(" decision=allow reason=user ")
                                && line.contains("python3")));
        assertFalse(audit(), audit().contains(SECRET));
        assertFalse(audit(), audit().contains(USER));
        assertFalse(audit(), audit().contains("Terminal prompt test"));
        assertFalse(describe(), keyportLog().contains(SECRET));
    }

    private Tmux pythonReader() {
        return python("read_item.py", READER, USER);
    }

    private Tmux python(String name, String source, String... arguments) {
        Path script = sandbox.root().resolve(name);
        try {
            Files.writeString(script, source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terminal(
                name.replace(".py", "") + ++readers,
                "/usr/bin/python3 '" + script + "' " + String.join(" ", arguments));
    }

    private String audit() {
        Path file = sandbox.dataHome().resolve("keyport/audit.log");
        Poll.until("the audit log to exist", () -> Files.exists(file), this::describe);
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }
}
