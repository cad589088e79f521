package io.keyport.prompter.tty.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code keyport unlock} requests on the prompt socket, against a fake storage engine. */
public class UnlockSessionTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final QuestionQueue queue = new QuestionQueue();
    private final CollectionRegistry collections = new CollectionRegistry();
    private final FakeStorage engine = new FakeStorage("login", "right horse");
    private PromptAgentServer server;
    private TestClient client;

    @Before
    public void connect() throws Exception {
        Path socket = folder.getRoot().toPath().resolve(PromptAgentServer.SOCKET_NAME);
        collections.add(engine);
        collections.add(new FakeStorage("work", "other"));
        server = new PromptAgentServer(socket, queue, collections, null);
        server.start();
        client = TestClient.unlocker(socket);
    }

    @After
    public void disconnect() throws Exception {
        client.close();
        server.close();
        queue.close();
    }

    @Test
    public void stateOfLockedCollection() throws Exception {
        client.send("STATE login");

        assertEquals(List.of("LOCKED"), client.expect("LOCKED"));
    }

    @Test
    public void rightPassphraseUnlocks() throws Exception {
        client.sendSecret("UNLOCK login", "right horse");

        client.expect("UNLOCKED");
        assertFalse(engine.collection.isLocked());
        client.send("STATE login");
        client.expect("UNLOCKED");
    }

    @Test
    public void wrongPassphraseReported() throws Exception {
        client.sendSecret("UNLOCK login", "wrong horse");

        client.expect("WRONG_PASSPHRASE");
        assertTrue(engine.collection.isLocked());
    }

    @Test
    public void passphraseWipedAfterUnlock() throws Exception {
        client.sendSecret("UNLOCK login", "wrong horse");

        client.expect("WRONG_PASSPHRASE");
        assertTrue(engine.collection.lastAttempt.isClosed());
    }

    @Test
    public void unknownCollectionListsKnownOnes() throws Exception {
        client.send("STATE nope");

        List<String> reply = client.expect("NO_SUCH_COLLECTION");

        assertEquals("login,work", PromptWire.decodeText(reply.get(1)));
    }

    @Test
    public void unlockOfUnknownCollectionReported() throws Exception {
        client.sendSecret("UNLOCK nope", "right horse");

        client.expect("NO_SUCH_COLLECTION");
    }

    @Test
    public void invalidCollectionIdNotFound() throws Exception {
        client.send("STATE " + PromptWire.text("../login"));

        client.expect("NO_SUCH_COLLECTION");
    }

    @Test
    public void agentMessageRejected() throws Exception {
        client.send("DISMISS 1");

        client.expect("ERROR");
    }

    @Test
    public void unlockedCollectionNotUnlockedAgain() throws Exception {
        client.sendSecret("UNLOCK login", "right horse");
        client.expect("UNLOCKED");
        engine.collection.lastAttempt = null;

        client.sendSecret("UNLOCK login", "anything");

        client.expect("UNLOCKED");
        assertEquals(null, engine.collection.lastAttempt);
    }
}
