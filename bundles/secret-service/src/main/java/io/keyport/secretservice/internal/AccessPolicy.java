package io.keyport.secretservice.internal;

import io.keyport.api.prompt.PromptKind;
import io.keyport.api.prompt.PromptReply;
import io.keyport.api.prompt.PromptRequest;
import io.keyport.api.prompt.Prompter;
import io.keyport.secretservice.internal.AccessRule.Decision;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.freedesktop.DBus.Error.AccessDenied;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a program may read, write or delete an item or delete a collection, puts the question to the
 * user when the decision is "ask", and writes the audit log.
 *
 * <p>The first configured rule that matches decides. Without one, reads of an item that another program created
 * are asked, and so is deleting a collection that another program or Keyport created. Everything else is
 * allowed. An "always" reply to an "ask" is kept in the access records and allows that program from then on.
 * When no prompter can reach the user, {@code access.unattended} decides, and a question without a reply within
 * the timeout is denied.
 */
final class AccessPolicy {

    /** The kind of access a request makes to an item or a collection. */
    enum Operation {
        READ("reading the secret of"),
        WRITE("changing"),
        DELETE("deleting"),
        DELETE_COLLECTION("deleting the whole collection");

        private final String description;

        Operation(String description) {
            this.description = description;
        }
    }

    /** The reason of a denial when the requesting program left the bus before the user replied. */
    static final String CALLER_GONE = "caller-gone";

    /** A decision and its reason, as the audit log shows them. */
    record Verdict(boolean allowed, String reason) {}

    private static final Logger LOG = LoggerFactory.getLogger(AccessPolicy.class);

    private final List<AccessRule> rules;
    private final AccessStore store;
    private final AuditLog audit;
    private final Supplier<Optional<Prompter>> prompters;
    private final boolean unattendedAllow;
    private final Duration timeout;
    private final OpenQuestions openQuestions;

    AccessPolicy(
            List<AccessRule> rules,
            AccessStore store,
            AuditLog audit,
            Supplier<Optional<Prompter>> prompters,
            boolean unattendedAllow,
            Duration timeout,
            OpenQuestions openQuestions) {
        this.rules = List.copyOf(rules);
        this.store = store;
        this.audit = audit;
        this.prompters = prompters;
        this.unattendedAllow = unattendedAllow;
        this.timeout = timeout;
        this.openQuestions = openQuestions;
    }

    /**
     * Returns the decision before any question: the first matching rule's, else the default policy's; {@code null}
     * when the user must be asked.
     */
    Verdict decide(Client client, Operation operation, String collectionId, String itemId) {
        String itemPath = path(collectionId, itemId);
        Decision decision = null;
        String reason = "rule";
        for (AccessRule rule : rules) {
            if (rule.matches(client, collectionId, itemId)) {
                decision = rule.decision();
                break;
            }
        }
        if (decision == null) {
            Optional<String> creator = store.creator(itemPath);
            boolean own = creator.isPresent() && creator.get().equals(client.subject());
            boolean foreign = operation == Operation.READ && creator.isPresent() && !own;
            // A collection contains the secrets of many programs, so only the program that created it deletes it
            // unasked. The collections that Keyport itself creates, such as login, have no recorded creator.
            boolean collection = operation == Operation.DELETE_COLLECTION && !own;
            decision = foreign || collection ? Decision.ASK : Decision.ALLOW;
            if (foreign) {
                reason = "other-creator";
            } else if (collection) {
                reason = "collection";
            } else if (own) {
                reason = "creator";
            } else {
                reason = "default";
            }
        }
        if (decision == Decision.ASK && store.isGranted(itemPath, client.subject())) {
            return new Verdict(true, "always");
        }
        return switch (decision) {
            case ALLOW -> new Verdict(true, reason);
            case DENY -> new Verdict(false, reason);
            case ASK -> null;
        };
    }

    /**
     * Decides, asking the user while the D-Bus call waits when needed, and logs a denial to the audit log.
     *
     * @param label the item's label, shown in the question
     */
    Verdict authorize(
            Client client, String method, Operation operation, String collectionId, String itemId, String label) {
        Verdict verdict = decide(client, operation, collectionId, itemId);
        String path = path(collectionId, itemId);
        if (verdict == null) {
            verdict = ask(client, operation, path, label);
        }
        if (!verdict.allowed()) {
            audit.record(client, method, path, "deny", verdict.reason());
            LOG.info("Denied {} on {} to {} ({})", method, path, client.caller().describe(), verdict.reason());
        }
        return verdict;
    }

    /** Authorizes like {@link #authorize} and raises {@code AccessDenied} on a denial. */
    Verdict require(
            Client client, String method, Operation operation, String collectionId, String itemId, String label) {
        Verdict verdict = authorize(client, method, operation, collectionId, itemId, label);
        if (!verdict.allowed()) {
            throw new AccessDenied(
                    itemId == null
                            ? "Deleting the collection was denied by the user or by an access rule"
                            : "Access to the item was denied by the user or by an access rule");
        }
        return verdict;
    }

    /** Returns the path of the item, or of the collection when {@code itemId} is {@code null}. */
    private static String path(String collectionId, String itemId) {
        return itemId == null ? ObjectPaths.collection(collectionId) : ObjectPaths.item(collectionId, itemId);
    }

    /** Writes an allowed operation that completed to the audit log. */
    void completed(Client client, String method, String path, Verdict verdict) {
        audit.record(client, method, path, "allow", verdict.reason());
    }

    /**
     * Records who created a new item or collection, for the default policy on later reads, replacing any records
     * left at its path by an earlier object.
     */
    void created(Client client, String path) {
        store.recordNewCreator(path, client.subject());
    }

    /** Records the creator of an item that CreateItem updated, unless it has one. */
    void updated(Client client, String itemPath) {
        store.recordCreator(itemPath, client.subject());
    }

    /** Forgets the records of a deleted item or collection. */
    void deleted(String path) {
        store.forget(path);
    }

    private Verdict ask(Client client, Operation operation, String itemPath, String label) {
        Optional<Prompter> prompter = prompters.get();
        if (prompter.isEmpty()) {
            return new Verdict(unattendedAllow, "unattended");
        }
        if (!openQuestions.tryTakeSlot()) {
            LOG.info("Denied access to {} at once: {} questions are open already", itemPath, OpenQuestions.MAX_OPEN);
            return new Verdict(false, "busy");
        }
        try {
            return askPrompter(prompter.get(), client, operation, itemPath, label);
        } finally {
            openQuestions.releaseSlot();
        }
    }

    private Verdict askPrompter(Prompter prompter, Client client, Operation operation, String itemPath, String label) {
        PromptRequest request =
                new PromptRequest(PromptKind.CONFIRMATION, operation.description, label, client.caller(), "", "");
        CompletableFuture<PromptReply> future = prompter.ask(request);
        OpenQuestions.Question question = openQuestions.register(client.caller().busName(), future);
        PromptReply reply;
        try {
            reply = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (CancellationException e) {
            if (question.isWithdrawn()) {
                return new Verdict(false, CALLER_GONE);
            }
            LOG.warn("The prompter cancelled the question about {}", itemPath);
            return new Verdict(false, "prompter-failed");
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Verdict(false, "timeout");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new Verdict(false, "interrupted");
        } catch (ExecutionException e) {
            LOG.warn(
                    "The prompter failed to ask about {}: {}",
                    itemPath,
                    e.getCause().toString());
            return new Verdict(false, "prompter-failed");
        } finally {
            openQuestions.unregister(question);
        }
        try (reply) {
            if (reply.isDismissed() || !reply.isConfirmed()) {
                return new Verdict(false, "user");
            }
            if (reply.isAlways()) {
                store.grant(itemPath, client.subject());
                return new Verdict(true, "user-always");
            }
            return new Verdict(true, "user");
        }
    }
}
