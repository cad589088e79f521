package io.keyport.contract.prompt;

import io.keyport.api.prompt.PromptKind;
import java.util.Objects;

/**
 * A question as the user sees it, reported by a {@link PrompterDriver}.
 *
 * @param handle the driver's own reference to the question, passed back to answer or dismiss it
 * @param kind what the question asks
 * @param target the label of the collection or item, as the prompter shows it
 */
public record ShownQuestion(String handle, PromptKind kind, String target) {

    public ShownQuestion {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
    }
}
