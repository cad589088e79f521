package io.keyport.prompter.tty.internal;

import io.keyport.api.prompt.Caller;
import io.keyport.api.prompt.PromptKind;
import io.keyport.api.prompt.PromptReply;
import io.keyport.api.prompt.PromptRequest;
import io.keyport.api.secret.SecretValue;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Requests, replies and waits shared by the tests. */
final class TestRequests {

    static final Caller CALLER = new Caller(":1.42", 1000, 4711, "/usr/bin/secret-tool");

    private TestRequests() {}

    static PromptRequest unlock(String target) {
        return new PromptRequest(PromptKind.PASSPHRASE, "Unlock", target, CALLER, "", "");
    }

    static PromptRequest request(PromptKind kind, String target) {
        return new PromptRequest(kind, "Create collection", target, CALLER, "", "");
    }

    static PromptReply passphrase(String text) {
        return PromptReply.passphrase(SecretValue.copyOf(text.getBytes(StandardCharsets.UTF_8), "text/plain"));
    }

    /** Returns the passphrase of a reply as text, for assertions. */
    static String text(PromptReply reply) {
        byte[] bytes = reply.passphrase().copyBytes();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static PromptReply await(CompletableFuture<PromptReply> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }
}
