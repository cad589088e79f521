package io.keyport.api.prompt;

import java.util.concurrent.CompletableFuture;
import org.osgi.annotation.versioning.ConsumerType;

/** Asks the user a question, asynchronously. Registered as an OSGi service. */
@ConsumerType
public interface Prompter {

    /** Returns {@code true} when a user can be reached now: a terminal agent is attached, a display exists. */
    boolean isAvailable();

    /**
     * Returns why no user can be reached and how to fix it, for logs and {@code keyport status}; empty
     * while {@link #isAvailable()} is true.
     */
    String unavailableReason();

    /**
     * Asks the user. The future completes with the reply, or with a dismissed reply when the user
     * cancels or the prompter loses the user. Cancelling the future withdraws the question.
     */
    CompletableFuture<PromptReply> ask(PromptRequest request);
}
