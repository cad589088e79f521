package io.keyport.secretservice.internal;

import io.keyport.api.prompt.Caller;
import io.keyport.api.prompt.PromptKind;
import io.keyport.api.prompt.PromptReply;
import io.keyport.api.prompt.PromptRequest;
import io.keyport.api.prompt.Prompter;
import io.keyport.api.storage.WrongPassphraseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unlocks collections one after the other, asking the best prompter for each passphrase. A wrong
 * passphrase is asked for again, up to {@value #ATTEMPTS} times. Completed carries the unlocked objects.
 */
final class UnlockAction implements PromptAction {

    static final int ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(UnlockAction.class);

    private final ServiceContext context;
    private final List<CollectionDirectory.Entry> collections;
    private final List<DBusPath> objects;
    private final Caller caller;
    private volatile CompletableFuture<PromptReply> question;
    private volatile boolean cancelled;

    /**
     * @param collections the locked collections to unlock
     * @param objects the requested objects, reported as unlocked once their collection is
     */
    UnlockAction(
            ServiceContext context,
            List<CollectionDirectory.Entry> collections,
            List<DBusPath> objects,
            Caller caller) {
        this.context = context;
        this.collections = collections;
        this.objects = objects;
        this.caller = caller;
    }

    @Override
    public CompletableFuture<Variant<?>> start(String windowId) {
        Optional<Prompter> prompter = context.prompters.best();
        if (prompter.isEmpty()) {
            LOG.warn(
                    "Unlock prompt for {} dismissed: no prompter can reach the user ({})",
                    caller.describe(),
                    context.prompters.unavailableReason());
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Boolean> chain = CompletableFuture.completedFuture(true);
        for (CollectionDirectory.Entry entry : collections) {
            chain = chain.thenCompose(ok ->
                    ok ? unlock(prompter.get(), entry, windowId, "", 1) : CompletableFuture.completedFuture(false));
        }
        return chain.thenApply(ok -> ok ? new Variant<>(unlockedObjects(), "ao") : null);
    }

    @Override
    public Variant<?> dismissedResult() {
        return new Variant<>(List.<DBusPath>of(), "ao");
    }

    @Override
    public void cancel() {
        cancelled = true;
        CompletableFuture<PromptReply> open = question;
        if (open != null) {
            open.cancel(true);
        }
    }

    private CompletableFuture<Boolean> unlock(
            Prompter prompter, CollectionDirectory.Entry entry, String windowId, String warning, int attempt) {
        if (cancelled) {
            return CompletableFuture.completedFuture(false);
        }
        if (!entry.collection().isLocked()) {
            return CompletableFuture.completedFuture(true);
        }
        // One question per collection: a caller that arrives while another is being asked waits for that
        // answer, then asks only if the collection is still locked.
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = context.unlocks.putIfAbsent(entry.id(), mine);
        if (running != null) {
            return running.handle((ok, error) -> null)
                    .thenCompose(ignored -> unlock(prompter, entry, windowId, warning, attempt));
        }
        return ask(prompter, entry, windowId, warning, attempt).whenComplete((ok, error) -> {
            context.unlocks.remove(entry.id(), mine);
            mine.complete(Boolean.TRUE.equals(ok));
        });
    }

    private CompletableFuture<Boolean> ask(
            Prompter prompter, CollectionDirectory.Entry entry, String windowId, String warning, int attempt) {
        PromptRequest request = new PromptRequest(
                PromptKind.PASSPHRASE, "Unlock", entry.collection().label(), caller, windowId, warning);
        CompletableFuture<PromptReply> asked;
        try {
            asked = prompter.ask(request);
        } catch (RuntimeException e) {
            LOG.error("Prompter failed to ask for the passphrase of collection {}", entry.id(), e);
            return CompletableFuture.completedFuture(false);
        }
        question = asked;
        return asked.thenCompose(reply -> {
            try (reply) {
                if (reply.isDismissed() || cancelled) {
                    return CompletableFuture.completedFuture(false);
                }
                entry.collection().unlock(reply.passphrase());
                LOG.info("Unlocked collection {} for {}", entry.id(), caller.describe());
                return CompletableFuture.completedFuture(true);
            } catch (WrongPassphraseException e) {
                LOG.info(
                        "Wrong passphrase for collection {} from {} (attempt {} of {})",
                        entry.id(),
                        caller.describe(),
                        attempt,
                        ATTEMPTS);
                if (attempt >= ATTEMPTS) {
                    return CompletableFuture.completedFuture(false);
                }
                return ask(prompter, entry, windowId, "The passphrase was wrong. Try again.", attempt + 1);
            }
        });
    }

    private List<DBusPath> unlockedObjects() {
        List<DBusPath> unlocked = new ArrayList<>();
        for (DBusPath object : objects) {
            try {
                if (!context.directory().require(object.getPath()).collection().isLocked()) {
                    unlocked.add(object);
                }
            } catch (RuntimeException e) {
                LOG.debug("Object {} vanished while it was being unlocked", object.getPath());
            }
        }
        return unlocked;
    }
}
