package io.keyport.prompter.tty.internal;

import static io.keyport.prompter.tty.internal.TestRequests.await;
import static io.keyport.prompter.tty.internal.TestRequests.passphrase;
import static io.keyport.prompter.tty.internal.TestRequests.text;
import static io.keyport.prompter.tty.internal.TestRequests.unlock;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertTrue;

import io.keyport.api.prompt.PromptReply;
import io.keyport.api.secret.SecretValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

public class QuestionQueueTest {

    private final QuestionQueue queue = new QuestionQueue();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @After
    public void closeQueue() {
        queue.close();
        threads.shutdownNow();
    }

    @Test
    public void askWithoutTerminalDismissedAtOnce() throws Exception {
        CompletableFuture<PromptReply> reply = queue.ask(unlock("Login"));

        assertTrue(reply.isDone());
        assertTrue(await(reply).isDismissed());
    }

    @Test
    public void answerCompletesCallersFuture() throws Exception {
        RecordingTerminal terminal = attach("agent 1");
        CompletableFuture<PromptReply> reply = queue.ask(unlock("Login"));

        queue.answer(terminal, terminal.last().id(), passphrase("right"));

        assertEquals("right", text(await(reply)));
    }

    @Test
    public void terminalShowsOneQuestionAtATime() throws Exception {
        RecordingTerminal terminal = attach("agent 1");
        CompletableFuture<PromptReply> first = queue.ask(unlock("First"));
        CompletableFuture<PromptReply> second = queue.ask(unlock("Second"));

        assertEquals(1, terminal.shown.size());
        queue.answer(terminal, terminal.last().id(), passphrase("one"));

        assertEquals(2, terminal.shown.size());
        assertEquals("Second", terminal.last().request().target());
        queue.answer(terminal, terminal.last().id(), passphrase("two"));
        assertEquals("one", text(await(first)));
        assertEquals("two", text(await(second)));
    }

    @Test
    public void newestTerminalGetsQuestionFirst() {
        RecordingTerminal older = attach("agent 1");
        RecordingTerminal newer = attach("agent 2");

        queue.ask(unlock("Login"));

        assertEquals(0, older.shown.size());
        assertEquals(1, newer.shown.size());
    }

    @Test
    public void idleTerminalTakesNextQuestion() {
        RecordingTerminal older = attach("agent 1");
        RecordingTerminal newer = attach("agent 2");

        queue.ask(unlock("First"));
        queue.ask(unlock("Second"));

        assertEquals("First", newer.last().request().target());
        assertEquals("Second", older.last().request().target());
    }

    @Test
    public void disconnectDismissesShownQuestion() throws Exception {
        RecordingTerminal terminal = attach("agent 1");
        CompletableFuture<PromptReply> reply = queue.ask(unlock("Login"));

        queue.detach(terminal);

        assertTrue(await(reply).isDismissed());
        assertFalse(queue.hasTerminals());
    }

    @Test
    public void lastDisconnectDismissesWaitingQuestions() throws Exception {
        RecordingTerminal terminal = attach("agent 1");
        queue.ask(unlock("First"));
        CompletableFuture<PromptReply> waiting = queue.ask(unlock("Second"));

        queue.detach(terminal);

        assertTrue(await(waiting).isDismissed());
    }

    @Test
    public void waitingQuestionGoesToRemainingTerminal() throws Exception {
        RecordingTerminal older = attach("agent 1");
        RecordingTerminal newer = attach("agent 2");
        CompletableFuture<PromptReply> first = queue.ask(unlock("First"));
        queue.ask(unlock("Second"));
        CompletableFuture<PromptReply> third = queue.ask(unlock("Third"));

        queue.detach(newer);
        queue.answer(older, older.last().id(), passphrase("two"));

        assertTrue(await(first).isDismissed());
        assertEquals("Third", older.last().request().target());
        assertFalse(third.isDone());
    }

    @Test
    public void cancelWithdrawsShownQuestion() throws Exception {
        RecordingTerminal terminal = attach("agent 1");
        CompletableFuture<PromptReply> cancelled = queue.ask(unlock("First"));
        queue.ask(unlock("Second"));
        Question shown = terminal.last();

        cancelled.cancel(true);

        assertEquals(List.of(shown), terminal.withdrawn);
        assertEquals("Second", terminal.last().request().target());
    }

    @Test
    public void cancelRemovesWaitingQuestion() {
        RecordingTerminal terminal = attach("agent 1");
        queue.ask(unlock("First"));
        CompletableFuture<PromptReply> waiting = queue.ask(unlock("Second"));

        waiting.cancel(true);
        queue.answer(terminal, terminal.last().id(), passphrase("one"));

        assertEquals(1, terminal.shown.size());
        assertEquals(List.of(), terminal.withdrawn);
    }

    @Test
    public void answerAfterCancelIsWiped() throws Exception {
        RecordingTerminal terminal = attach("agent 1");
        CompletableFuture<PromptReply> reply = queue.ask(unlock("Login"));
        long id = terminal.last().id();
        reply.cancel(true);
        SecretValue late = SecretValue.copyOf(new byte[] {1, 2, 3}, "text/plain");

        queue.answer(terminal, id, PromptReply.passphrase(late));

        assertTrue(late.isClosed());
    }

    @Test
    public void answerToOtherQuestionIgnored() throws Exception {
        RecordingTerminal terminal = attach("agent 1");
        CompletableFuture<PromptReply> reply = queue.ask(unlock("Login"));
        SecretValue stray = SecretValue.copyOf(new byte[] {1, 2, 3}, "text/plain");

        queue.answer(terminal, terminal.last().id() + 1, PromptReply.passphrase(stray));

        assertTrue(stray.isClosed());
        assertFalse(reply.isDone());
    }

    @Test
    public void closeDismissesEverything() throws Exception {
        attach("agent 1");
        CompletableFuture<PromptReply> shown = queue.ask(unlock("First"));
        CompletableFuture<PromptReply> waiting = queue.ask(unlock("Second"));

        queue.close();

        assertTrue(await(shown).isDismissed());
        assertTrue(await(waiting).isDismissed());
        assertTrue(await(queue.ask(unlock("Third"))).isDismissed());
    }

    @Test
    public void twentyConcurrentAsksEachAnswered() throws Exception {
        attachAnswering("agent 1");
        attachAnswering("agent 2");
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<CompletableFuture<PromptReply>>> asks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String target = "collection-" + i;
            asks.add(CompletableFuture.supplyAsync(
                    () -> {
                        awaitLatch(start);
                        return queue.ask(unlock(target));
                    },
                    threads));
        }

        start.countDown();

        for (int i = 0; i < 20; i++) {
            PromptReply reply = asks.get(i).get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
            assertEquals("answer for collection-" + i, text(reply));
        }
    }

    @Test
    public void completionRunsOffAnsweringThread() throws Exception {
        RecordingTerminal terminal = attach("agent 1");
        CompletableFuture<Thread> completedOn = queue.ask(unlock("Login")).thenApply(reply -> Thread.currentThread());

        queue.answer(terminal, terminal.last().id(), PromptReply.dismissed());

        assertNotSame(Thread.currentThread(), completedOn.get(10, TimeUnit.SECONDS));
    }

    @Test
    public void questionIdsAreUnique() {
        RecordingTerminal terminal = attach("agent 1");
        queue.ask(unlock("First"));
        Question first = terminal.last();
        queue.answer(terminal, first.id(), PromptReply.dismissed());
        queue.ask(unlock("Second"));

        assertFalse(first.id() == terminal.last().id());
    }

    private RecordingTerminal attach(String name) {
        RecordingTerminal terminal = new RecordingTerminal(name);
        queue.attach(terminal);
        return terminal;
    }

    /** Attaches a terminal that answers each question from another thread with a text naming its target. */
    private void attachAnswering(String name) {
        RecordingTerminal[] self = new RecordingTerminal[1];
        self[0] = new RecordingTerminal(
                name,
                question -> threads.execute(() -> queue.answer(
                        self[0],
                        question.id(),
                        passphrase("answer for " + question.request().target()))));
        queue.attach(self[0]);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
