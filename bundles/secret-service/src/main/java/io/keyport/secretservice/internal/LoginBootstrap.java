package io.keyport.secretservice.internal;

import io.keyport.api.prompt.Caller;
import io.keyport.api.prompt.PromptKind;
import io.keyport.api.prompt.PromptRequest;
import io.keyport.api.prompt.Prompter;
import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageEngine;
import io.keyport.api.storage.WrongPassphraseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the {@code login} collection exists once an engine that creates collections is present. With
 * the passphrase from {@code keyport run --unlock-stdin} it creates login or unlocks it; without one it asks
 * the user through the best prompter, and when none can reach the user it logs how to provide one.
 */
final class LoginBootstrap {

    static final String LOGIN = "login";

    private static final Logger LOG = LoggerFactory.getLogger(LoginBootstrap.class);

    private final ServiceContext context;
    private final Supplier<byte[]> credential;
    private boolean asked;
    private boolean hintLogged;

    /** @param credential the launcher's login passphrase, or {@code null} */
    LoginBootstrap(ServiceContext context, Supplier<byte[]> credential) {
        this.context = context;
        this.credential = credential;
    }

    /**
     * Creates or unlocks login if it can; call it whenever engines or prompters change.
     *
     * @return {@code true} when login is still missing only because no prompter can reach the user yet, so
     *     the caller should try again later: prompters become available without a service event, for
     *     example when a terminal agent attaches
     */
    synchronized boolean run(Optional<StorageEngine> creator) {
        Optional<CollectionDirectory.Entry> login = context.directory().find(LOGIN);
        if (login.isPresent()) {
            unlockWithCredential(login.get().collection());
            return false;
        }
        if (creator.isEmpty()) {
            return false;
        }
        StorageEngine engine = creator.get();
        // The engine may serve login before the directory has exported it; unlock it then, never re-create it.
        Optional<StorageCollection> existing = engine.collections().stream()
                .filter(collection -> collection.id().equals(LOGIN))
                .findFirst();
        if (existing.isPresent()) {
            unlockWithCredential(existing.get());
            return false;
        }
        try (SecretValue passphrase = takeCredential()) {
            if (passphrase != null) {
                engine.createCollection(LOGIN, "Login", passphrase);
                LOG.info("Created the login collection with the passphrase from standard input");
                return false;
            }
        } catch (RuntimeException e) {
            LOG.error("Could not create the login collection", e);
            return false;
        }
        return askForNewPassphrase(engine);
    }

    private void unlockWithCredential(StorageCollection login) {
        try (SecretValue passphrase = takeCredential()) {
            if (passphrase == null || !login.isLocked()) {
                return;
            }
            login.unlock(passphrase);
            LOG.info("Unlocked the login collection with the passphrase from standard input");
        } catch (WrongPassphraseException e) {
            LOG.error("The passphrase from standard input does not unlock the login collection; it stays locked");
        } catch (RuntimeException e) {
            LOG.error("Could not unlock the login collection", e);
        }
    }

    private boolean askForNewPassphrase(StorageEngine engine) {
        if (asked) {
            return false;
        }
        Optional<Prompter> prompter = context.prompters.best();
        if (prompter.isEmpty()) {
            if (hintLogged) {
                return true;
            }
            hintLogged = true;
            LOG.info(
                    "The login collection does not exist yet and no prompter can ask for its passphrase ({})."
                            + " Start Keyport with --unlock-stdin, or run keyport prompt in a terminal.",
                    context.prompters.unavailableReason());
            return true;
        }
        asked = true;
        Caller keyport = new Caller("keyport", -1, ProcessHandle.current().pid(), "keyport");
        prompter.get()
                .ask(new PromptRequest(
                        PromptKind.NEW_PASSPHRASE, "Create the login collection", "Login", keyport, "", ""))
                .thenAccept(reply -> {
                    try (reply) {
                        if (reply.isDismissed()) {
                            LOG.info("Creating the login collection was dismissed; a client's CreateCollection or"
                                    + " the next start asks again");
                            return;
                        }
                        synchronized (this) {
                            if (context.directory().find(LOGIN).isEmpty()) {
                                engine.createCollection(LOGIN, "Login", reply.passphrase());
                                LOG.info("Created the login collection");
                            }
                        }
                    } catch (RuntimeException e) {
                        LOG.error("Could not create the login collection", e);
                    }
                });
        return false;
    }

    private SecretValue takeCredential() {
        if (credential == null) {
            return null;
        }
        byte[] bytes = credential.get();
        if (bytes == null) {
            return null;
        }
        SecretValue value = SecretValue.copyOf(bytes, "text/plain");
        Arrays.fill(bytes, (byte) 0);
        return value;
    }
}
