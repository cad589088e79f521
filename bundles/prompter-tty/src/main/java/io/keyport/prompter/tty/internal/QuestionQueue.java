package io.keyport.prompter.tty.internal;

import io.keyport.api.prompt.PromptReply;
import io.keyport.api.prompt.PromptRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands questions to terminals in the order they were asked, one question at a time per terminal. An idle
 * terminal that attached last gets the next question first, because a user who just ran {@code keyport prompt}
 * is most likely looking at it.
 *
 * <p>A question ends exactly once: answered on its terminal, dismissed because its terminal went away, or
 * withdrawn because its caller cancelled the future. Futures complete on a thread of this queue, never on a
 * terminal's reader thread, so a caller that unlocks a collection in its callback does not hold up the terminal.
 */
final class QuestionQueue {

    private static final Logger LOG = LoggerFactory.getLogger(QuestionQueue.class);

    private final Deque<Question> waiting = new ArrayDeque<>();
    private final List<Terminal> terminals = new ArrayList<>();
    private final Map<Terminal, Question> showing = new HashMap<>();
    private final ExecutorService replies = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "keyport-prompt-reply");
        thread.setDaemon(true);
        return thread;
    });
    private long nextId = 1;
    private boolean closed;

    /** Queues a question, or returns a dismissed reply at once when no terminal is attached. */
    CompletableFuture<PromptReply> ask(PromptRequest request) {
        Question question;
        synchronized (this) {
            if (closed || terminals.isEmpty()) {
                LOG.info(
                        "Dismissed a {} question from {} at once: no terminal is attached",
                        request.kind(),
                        request.caller().describe());
                return CompletableFuture.completedFuture(PromptReply.dismissed());
            }
            question = new Question(nextId++, request, new CompletableFuture<>());
            waiting.addLast(question);
            LOG.info("Queued {}; {} question(s) waiting", question.describe(), waiting.size());
            dispatch();
        }
        question.future().whenComplete((reply, failure) -> {
            if (failure instanceof CancellationException) {
                withdraw(question);
            }
        });
        return question.future();
    }

    /** Adds a terminal that can answer questions and shows it the next waiting one. */
    synchronized void attach(Terminal terminal) {
        terminals.add(0, terminal);
        LOG.info("Attached {}; {} terminal(s) can answer questions", terminal.describe(), terminals.size());
        dispatch();
    }

    /**
     * Removes a terminal. Its open question is dismissed, and so is every waiting question when no terminal is
     * left, because no terminal could answer them.
     */
    void detach(Terminal terminal) {
        List<Question> dismissed = new ArrayList<>();
        synchronized (this) {
            if (!terminals.remove(terminal)) {
                return;
            }
            Question open = showing.remove(terminal);
            if (open != null) {
                LOG.info("Dismissed {}: {} detached while showing it", open.describe(), terminal.describe());
                dismissed.add(open);
            }
            LOG.info("Detached {}; {} terminal(s) can answer questions", terminal.describe(), terminals.size());
            if (terminals.isEmpty() && !waiting.isEmpty()) {
                LOG.info("Dismissed {} waiting question(s): no terminal is attached any more", waiting.size());
                dismissed.addAll(waiting);
                waiting.clear();
            }
        }
        dismissed.forEach(question -> complete(question, PromptReply.dismissed()));
    }

    /**
     * Completes the question that {@code terminal} shows with {@code reply}, which this queue then owns. An answer
     * to a question that the terminal no longer shows, such as a withdrawn one, is wiped and ignored.
     */
    void answer(Terminal terminal, long id, PromptReply reply) {
        Question question;
        synchronized (this) {
            question = showing.get(terminal);
            if (question == null || question.id() != id) {
                LOG.debug(
                        "Ignored an answer from {} to question {}, which it no longer shows", terminal.describe(), id);
                reply.close();
                return;
            }
            showing.remove(terminal);
            dispatch();
        }
        LOG.info(
                "{} {} on {}",
                reply.isDismissed() ? "Dismissed" : "Received the answer to",
                question.describe(),
                terminal.describe());
        complete(question, reply);
    }

    synchronized boolean hasTerminals() {
        return !terminals.isEmpty();
    }

    synchronized int terminalCount() {
        return terminals.size();
    }

    /** Dismisses every question and accepts no more; called when the prompter stops. */
    void close() {
        List<Question> dismissed = new ArrayList<>();
        synchronized (this) {
            closed = true;
            dismissed.addAll(showing.values());
            dismissed.addAll(waiting);
            showing.clear();
            waiting.clear();
            terminals.clear();
        }
        if (!dismissed.isEmpty()) {
            LOG.info("Dismissed {} open question(s): the terminal prompter stops", dismissed.size());
        }
        dismissed.forEach(question -> complete(question, PromptReply.dismissed()));
        replies.shutdown();
    }

    private void withdraw(Question question) {
        synchronized (this) {
            if (waiting.remove(question)) {
                LOG.info(
                        "Withdrew {} before a terminal showed it: its caller cancelled it or gave up waiting",
                        question.describe());
                return;
            }
            Terminal terminal = null;
            for (Map.Entry<Terminal, Question> entry : showing.entrySet()) {
                if (entry.getValue() == question) {
                    terminal = entry.getKey();
                }
            }
            if (terminal == null) {
                return;
            }
            showing.remove(terminal);
            LOG.info(
                    "Withdrew {} from {}: its caller cancelled it or gave up waiting",
                    question.describe(),
                    terminal.describe());
            terminal.withdraw(question);
            dispatch();
        }
    }

    /** Shows waiting questions on idle terminals; called with the lock held. */
    private void dispatch() {
        for (Terminal terminal : terminals) {
            if (showing.containsKey(terminal)) {
                continue;
            }
            Question next = waiting.pollFirst();
            while (next != null && next.future().isDone()) {
                next = waiting.pollFirst();
            }
            if (next == null) {
                return;
            }
            showing.put(terminal, next);
            LOG.info("Showing {} on {}", next.describe(), terminal.describe());
            terminal.show(next);
        }
    }

    private void complete(Question question, PromptReply reply) {
        Runnable completion = () -> {
            if (!question.future().complete(reply)) {
                reply.close();
            }
        };
        try {
            replies.execute(completion);
        } catch (RejectedExecutionException e) {
            completion.run();
        }
    }
}
