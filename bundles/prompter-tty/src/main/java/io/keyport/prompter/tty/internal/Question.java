package io.keyport.prompter.tty.internal;

import io.keyport.api.prompt.PromptReply;
import io.keyport.api.prompt.PromptRequest;
import java.util.concurrent.CompletableFuture;

/**
 * One question in the queue: its id on the prompt socket, the request, and the future returned to the caller.
 */
record Question(long id, PromptRequest request, CompletableFuture<PromptReply> future) {

    /** Describes the question for a log line: id, kind, operation and caller, never the answer. */
    String describe() {
        return "question " + id + " (" + request.kind() + ", " + request.operation() + ") from "
                + request.caller().describe();
    }
}
