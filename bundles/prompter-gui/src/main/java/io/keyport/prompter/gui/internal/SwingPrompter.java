package io.keyport.prompter.gui.internal;

import io.keyport.api.prompt.PromptReply;
import io.keyport.api.prompt.PromptRequest;
import io.keyport.api.prompt.Prompter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import javax.swing.SwingUtilities;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks in Swing dialogs on the X display in {@code DISPLAY}. Its ranking is above the terminal prompter's, so it
 * takes over while a display is reachable and hands back when none is.
 *
 * <p>Questions are shown one at a time, in the order they were asked. The queue and the dialogs live on the event
 * dispatch thread only; futures complete on a thread of this prompter, so a caller that unlocks a collection in
 * its callback does not freeze the dialogs.
 */
@Component(
        service = Prompter.class,
        immediate = true,
        configurationPolicy = ConfigurationPolicy.IGNORE,
        property = Constants.SERVICE_RANKING + ":Integer=20")
public final class SwingPrompter implements Prompter {

    private static final Logger LOG = LoggerFactory.getLogger(SwingPrompter.class);

    private final DisplayCheck display;
    private final Deque<Question> waiting = new ArrayDeque<>();
    private final ExecutorService replies = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "keyport-gui-reply");
        thread.setDaemon(true);
        return thread;
    });
    private Question showing;
    private boolean closed;

    @Activate
    public SwingPrompter() {
        this(new DisplayCheck());
    }

    SwingPrompter(DisplayCheck display) {
        this.display = display;
        String reason = display.unavailableReason();
        LOG.info("GUI prompter started: {}", reason.isEmpty() ? "dialogs open on " + System.getenv("DISPLAY") : reason);
    }

    @Deactivate
    void deactivate() {
        SwingUtilities.invokeLater(() -> {
            closed = true;
            if (showing != null) {
                showing.dialog().withdraw();
                complete(showing, PromptReply.dismissed());
                showing = null;
            }
            waiting.forEach(question -> complete(question, PromptReply.dismissed()));
            waiting.clear();
            replies.shutdown();
        });
        LOG.info("GUI prompter stopped");
    }

    @Override
    public boolean isAvailable() {
        return display.unavailableReason().isEmpty();
    }

    @Override
    public String unavailableReason() {
        return display.unavailableReason();
    }

    @Override
    public CompletableFuture<PromptReply> ask(PromptRequest request) {
        String reason = display.unavailableReason();
        if (!reason.isEmpty()) {
            LOG.info(
                    "Dismissed a {} question from {} at once: {}",
                    request.kind(),
                    request.caller().describe(),
                    reason);
            return CompletableFuture.completedFuture(PromptReply.dismissed());
        }
        CompletableFuture<PromptReply> future = new CompletableFuture<>();
        SwingUtilities.invokeLater(() -> enqueue(request, future));
        future.whenComplete((reply, failure) -> {
            if (failure instanceof CancellationException) {
                SwingUtilities.invokeLater(() -> withdraw(future));
            }
        });
        return future;
    }

    private void enqueue(PromptRequest request, CompletableFuture<PromptReply> future) {
        if (closed) {
            complete(new Question(request, future, null), PromptReply.dismissed());
            return;
        }
        Question[] holder = new Question[1];
        PromptDialog dialog = new PromptDialog(request, reply -> answered(holder[0], reply));
        holder[0] = new Question(request, future, dialog);
        waiting.addLast(holder[0]);
        showNext();
    }

    private void showNext() {
        while (showing == null && !waiting.isEmpty()) {
            Question next = waiting.pollFirst();
            if (next.future().isDone()) {
                continue;
            }
            showing = next;
            // NOTE: the client's window id is only logged. Making the dialog transient for that X window needs
            // Xlib calls (XSetTransientForHint) that Swing does not offer without native code.
            LOG.info(
                    "Showing a {} dialog ({}) for {}{}",
                    next.request().kind(),
                    next.request().operation(),
                    next.request().caller().describe(),
                    next.request().windowId().isEmpty()
                            ? ""
                            : ", client window " + next.request().windowId());
            next.dialog().show();
        }
    }

    private void answered(Question question, PromptReply reply) {
        LOG.info(
                "{} the {} dialog for {}",
                reply.isDismissed() ? "Dismissed" : "Received the answer to",
                question.request().kind(),
                question.request().caller().describe());
        if (showing == question) {
            showing = null;
        }
        complete(question, reply);
        showNext();
    }

    private void withdraw(CompletableFuture<PromptReply> future) {
        if (showing != null && showing.future() == future) {
            LOG.info(
                    "Closed the {} dialog: its caller cancelled the question or gave up waiting",
                    showing.request().kind());
            showing.dialog().withdraw();
            showing = null;
            showNext();
            return;
        }
        waiting.removeIf(question -> question.future() == future);
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

    /** One question: the request, the future returned to the caller, and its dialog. */
    private record Question(PromptRequest request, CompletableFuture<PromptReply> future, PromptDialog dialog) {}
}
