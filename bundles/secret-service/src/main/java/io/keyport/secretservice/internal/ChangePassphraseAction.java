package io.keyport.secretservice.internal;

import io.keyport.api.prompt.Caller;
import io.keyport.api.prompt.PromptKind;
import io.keyport.api.prompt.PromptReply;
import io.keyport.api.prompt.PromptRequest;
import io.keyport.api.prompt.Prompter;
import io.keyport.api.storage.WrongPassphraseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks for a collection's current passphrase and a new one, then changes it. Completed carries {@code ""}. */
final class ChangePassphraseAction implements PromptAction {

    private static final Logger LOG = LoggerFactory.getLogger(ChangePassphraseAction.class);

    private final ServiceContext context;
    private final CollectionDirectory.Entry entry;
    private final Caller caller;
    private volatile CompletableFuture<PromptReply> question;

    ChangePassphraseAction(ServiceContext context, CollectionDirectory.Entry entry, Caller caller) {
        this.context = context;
        this.entry = entry;
        this.caller = caller;
    }

    @Override
    public CompletableFuture<Variant<?>> start(String windowId) {
        Optional<Prompter> prompter = context.prompters.best();
        if (prompter.isEmpty()) {
            LOG.warn(
                    "Passphrase change prompt for {} dismissed: no prompter can reach the user ({})",
                    caller.describe(),
                    context.prompters.unavailableReason());
            return CompletableFuture.completedFuture(null);
        }
        String label = entry.collection().label();
        CompletableFuture<PromptReply> current = ask(prompter.get(), PromptKind.PASSPHRASE, label, windowId);
        return current.thenCompose(currentReply -> {
            if (currentReply.isDismissed()) {
                currentReply.close();
                return CompletableFuture.completedFuture(null);
            }
            return ask(prompter.get(), PromptKind.NEW_PASSPHRASE, label, windowId)
                    .thenApply(newReply -> {
                        try (currentReply;
                                newReply) {
                            if (newReply.isDismissed()) {
                                return null;
                            }
                            entry.collection().changePassphrase(currentReply.passphrase(), newReply.passphrase());
                            LOG.info("Changed the passphrase of collection {} for {}", entry.id(), caller.describe());
                            return new Variant<>("");
                        } catch (WrongPassphraseException e) {
                            LOG.info(
                                    "Wrong current passphrase for collection {} from {}",
                                    entry.id(),
                                    caller.describe());
                            return null;
                        }
                    });
        });
    }

    @Override
    public Variant<?> dismissedResult() {
        return new Variant<>("");
    }

    @Override
    public void cancel() {
        CompletableFuture<PromptReply> open = question;
        if (open != null) {
            open.cancel(true);
        }
    }

    private CompletableFuture<PromptReply> ask(Prompter prompter, PromptKind kind, String label, String windowId) {
        CompletableFuture<PromptReply> asked =
                prompter.ask(new PromptRequest(kind, "Change passphrase", label, caller, windowId, ""));
        question = asked;
        return asked;
    }
}
