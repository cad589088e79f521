package io.keyport.secretservice.internal;

import java.util.concurrent.CompletableFuture;
import org.freedesktop.dbus.types.Variant;

/** The work behind a prompt, run when the client calls Prompt. */
interface PromptAction {

    /**
     * Starts the work. The future completes with the Completed signal's result, or with {@code null} when
     * the user dismissed the prompt or nobody could be asked.
     */
    CompletableFuture<Variant<?>> start(String windowId);

    /** Withdraws any question still open; the prompt completes as dismissed. */
    void cancel();

    /**
     * Returns the Completed result sent with {@code dismissed} set. Clients check its type even then, so it
     * matches the operation's result type.
     */
    Variant<?> dismissedResult();
}
