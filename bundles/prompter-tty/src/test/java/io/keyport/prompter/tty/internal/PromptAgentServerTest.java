package io.keyport.prompter.tty.internal;

import static io.keyport.prompter.tty.internal.TestRequests.await;
import static io.keyport.prompter.tty.internal.TestRequests.request;
import static io.keyport.prompter.tty.internal.TestRequests.text;
import static io.keyport.prompter.tty.internal.TestRequests.unlock;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.keyport.api.prompt.PromptKind;
import io.keyport.api.prompt.PromptReply;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PromptAgentServerTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final QuestionQueue queue = new QuestionQueue();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Path socket;

    @Before
    public void startServer() throws Exception {
        socket = folder.getRoot().toPath().resolve("runtime").resolve(PromptAgentServer.SOCKET_NAME);
        start(new PromptAgentServer(socket, queue, new CollectionRegistry(), null));
    }

    @After
    public void stopEverything() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        queue.close();
    }

    @Test
    public void socketIsPrivate() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
    }

    @Test
    public void agentReceivesQuestionFields() throws Exception {
        TestClient agent = attachAgent();

        queue.ask(unlock("My Login").withWarning("The passphrase was wrong. Try again."));

        List<String> ask = agent.expect("ASK");
        assertEquals(7, ask.size());
        assertEquals("PASSPHRASE", ask.get(2));
        assertEquals("Unlock", PromptWire.decodeText(ask.get(3)));
        assertEquals("My Login", PromptWire.decodeText(ask.get(4)));
        assertEquals(TestRequests.CALLER.describe(), PromptWire.decodeText(ask.get(5)));
        assertEquals("The passphrase was wrong. Try again.", PromptWire.decodeText(ask.get(6)));
    }

    @Test
    public void agentPassphraseReachesCaller() throws Exception {
        TestClient agent = attachAgent();
        CompletableFuture<PromptReply> reply = queue.ask(unlock("Login"));

        agent.sendSecret("PASSPHRASE " + agent.expect("ASK").get(1), "correct horse");

        assertEquals("correct horse", text(await(reply)));
    }

    @Test
    public void agentDismissReachesCaller() throws Exception {
        TestClient agent = attachAgent();
        CompletableFuture<PromptReply> reply = queue.ask(unlock("Login"));

        agent.send("DISMISS " + agent.expect("ASK").get(1));

        assertTrue(await(reply).isDismissed());
    }

    @Test
    public void confirmToPassphraseQuestionDismisses() throws Exception {
        TestClient agent = attachAgent();
        CompletableFuture<PromptReply> reply = queue.ask(unlock("Login"));

        agent.send("CONFIRM " + agent.expect("ASK").get(1));

        assertTrue(await(reply).isDismissed());
    }

    @Test
    public void confirmationAnswered() throws Exception {
        TestClient agent = attachAgent();
        CompletableFuture<PromptReply> reply = queue.ask(request(PromptKind.CONFIRMATION, "Item"));

        agent.send("CONFIRM " + agent.expect("ASK").get(1));

        assertTrue(await(reply).isConfirmed());
    }

    @Test
    public void confirmationAlwaysAnswered() throws Exception {
        TestClient agent = attachAgent();
        CompletableFuture<PromptReply> reply = queue.ask(request(PromptKind.CONFIRMATION, "Item"));

        agent.send("CONFIRM " + agent.expect("ASK").get(1) + " ALWAYS");

        PromptReply answered = await(reply);
        assertTrue(answered.isConfirmed());
        assertTrue(answered.isAlways());
    }

    @Test
    public void confirmWithUnknownWordClosesAgent() throws Exception {
        TestClient agent = attachAgent();
        CompletableFuture<PromptReply> reply = queue.ask(request(PromptKind.CONFIRMATION, "Item"));

        agent.send("CONFIRM " + agent.expect("ASK").get(1) + " FOREVER");

        agent.expect("ERROR");
        assertTrue(await(reply).isDismissed());
    }

    @Test
    public void agentDisconnectDismissesQuestion() throws Exception {
        TestClient agent = attachAgent();
        CompletableFuture<PromptReply> reply = queue.ask(unlock("Login"));
        agent.expect("ASK");

        agent.close();

        assertTrue(await(reply).isDismissed());
        awaitTerminals(0);
    }

    @Test
    public void cancelWithdrawsFromAgent() throws Exception {
        TestClient agent = attachAgent();
        CompletableFuture<PromptReply> reply = queue.ask(unlock("Login"));
        String id = agent.expect("ASK").get(1);

        reply.cancel(true);

        assertEquals(List.of("WITHDRAW", id), agent.expect("WITHDRAW"));
    }

    @Test
    public void malformedAnswerClosesAgent() throws Exception {
        TestClient agent = attachAgent();
        CompletableFuture<PromptReply> reply = queue.ask(unlock("Login"));
        agent.expect("ASK");

        agent.send("PASSPHRASE 1 not*base64");

        agent.expect("ERROR");
        assertNull(agent.readLine());
        assertTrue(await(reply).isDismissed());
    }

    @Test
    public void twentyConcurrentAsksOverSocket() throws Exception {
        TestClient agent = attachAgent();
        List<CompletableFuture<PromptReply>> replies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String target = "collection-" + i;
            replies.add(CompletableFuture.supplyAsync(() -> queue.ask(unlock(target)))
                    .thenCompose(future -> future));
        }

        for (int i = 0; i < 20; i++) {
            List<String> ask = agent.expect("ASK");
            agent.sendSecret("PASSPHRASE " + ask.get(1), "answer for " + PromptWire.decodeText(ask.get(4)));
        }

        for (int i = 0; i < 20; i++) {
            assertEquals("answer for collection-" + i, text(replies.get(i).get(10, TimeUnit.SECONDS)));
        }
    }

    @Test
    public void otherUserRejected() throws Exception {
        Path otherSocket = folder.getRoot().toPath().resolve("other").resolve(PromptAgentServer.SOCKET_NAME);
        start(new PromptAgentServer(
                otherSocket,
                queue,
                new CollectionRegistry(),
                FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nobody")));

        try (TestClient client = TestClient.connect(otherSocket)) {
            assertTrue(client.isClosedByPeer());
        }
        assertFalse(queue.hasTerminals());
    }

    @Test
    public void otherProtocolVersionRejected() throws Exception {
        try (TestClient client = TestClient.connect(socket)) {
            client.send("HELLO 2 agent 4711 /dev/pts/9");

            List<String> error = client.expect("ERROR");

            assertTrue(PromptWire.decodeText(error.get(1)).contains("version 1"));
        }
    }

    @Test
    public void secondServerTakesOverWhenFirstStops() throws Exception {
        QuestionQueue secondQueue = new QuestionQueue();
        closeables.add(secondQueue::close);
        PromptAgentServer first = (PromptAgentServer) closeables.get(0);
        start(new PromptAgentServer(socket, secondQueue, new CollectionRegistry(), null));

        first.close();
        try (TestClient agent = awaitAgentOn(secondQueue)) {
            assertTrue(Files.exists(socket));
            assertEquals(1, secondQueue.terminalCount());
        }
    }

    private void start(PromptAgentServer server) throws Exception {
        server.start();
        closeables.add(0, server);
    }

    private TestClient attachAgent() throws Exception {
        TestClient agent = TestClient.agent(socket);
        closeables.add(agent);
        awaitTerminals(1);
        return agent;
    }

    /** Connects an agent once the socket serves {@code target}, retrying while the takeover is pending. */
    private TestClient awaitAgentOn(QuestionQueue target) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                TestClient agent = TestClient.agent(socket);
                while (!target.hasTerminals() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                return agent;
            } catch (java.io.IOException | AssertionError e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("No server took over " + socket + " within 10 s");
    }

    private void awaitTerminals(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (queue.terminalCount() != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected " + count + " terminals, found " + queue.terminalCount());
            }
            Thread.sleep(10);
        }
    }
}
