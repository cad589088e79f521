package io.keyport.secretservice.internal;

import io.keyport.api.prompt.Caller;
import io.keyport.api.prompt.PromptKind;
import io.keyport.api.prompt.PromptReply;
import io.keyport.api.prompt.PromptRequest;
import io.keyport.api.prompt.Prompter;
import io.keyport.api.secret.SecretValue;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks for a new collection's passphrase, then creates the collection. Completed carries its path. */
final class CreateCollectionAction implements PromptAction {

    private static final Logger LOG = LoggerFactory.getLogger(CreateCollectionAction.class);

    private final ServiceContext context;
    private final String label;
    private final Caller caller;
    private final Function<SecretValue, DBusPath> create;
    private volatile CompletableFuture<PromptReply> question;

    /**
     * @param create creates the collection with the passphrase and returns its path; runs on the prompter's
     *     thread
     */
    CreateCollectionAction(
            ServiceContext context, String label, Caller caller, Function<SecretValue, DBusPath> create) {
        this.context = context;
        this.label = label;
        this.caller = caller;
        this.create = create;
    }

    @Override
    public CompletableFuture<Variant<?>> start(String windowId) {
        Optional<Prompter> prompter = context.prompters.best();
        if (prompter.isEmpty()) {
            LOG.warn(
                    "CreateCollection prompt for {} dismissed: no prompter can reach the user ({})",
                    caller.describe(),
                    context.prompters.unavailableReason());
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<PromptReply> asked = prompter.get()
                .ask(new PromptRequest(PromptKind.NEW_PASSPHRASE, "Create collection", label, caller, windowId, ""));
        question = asked;
        return asked.thenApply(reply -> {
            try (reply) {
                if (reply.isDismissed()) {
                    return null;
                }
                return new Variant<>(create.apply(reply.passphrase()), "o");
            } catch (RuntimeException e) {
                LOG.error("Could not create collection for {}", caller.describe(), e);
                return null;
            }
        });
    }

    @Override
    public Variant<?> dismissedResult() {
        return new Variant<>(ObjectPaths.NONE, "o");
    }

    @Override
    public void cancel() {
        CompletableFuture<PromptReply> open = question;
        if (open != null) {
            open.cancel(true);
        }
    }
}
