package io.keyport.api.prompt;

import java.util.Objects;

/**
 * One question for the user.
 *
 * @param kind what is asked
 * @param operation what the caller wants, such as {@code Unlock}, for the user to read
 * @param target the label of the collection or item concerned
 * @param caller who asks
 * @param windowId the client's window handle from Prompt(window_id), possibly empty
 * @param warning a message to show before the question, such as "The passphrase was wrong"; empty for none
 */
public record PromptRequest(
        PromptKind kind, String operation, String target, Caller caller, String windowId, String warning) {

    public PromptRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(windowId, "windowId");
        Objects.requireNonNull(warning, "warning");
    }

    /** Returns a copy with another warning, for asking again after a wrong passphrase. */
    public PromptRequest withWarning(String newWarning) {
        return new PromptRequest(kind, operation, target, caller, windowId, newWarning);
    }
}
