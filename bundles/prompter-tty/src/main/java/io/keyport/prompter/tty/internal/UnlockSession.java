package io.keyport.prompter.tty.internal;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.NoSuchObjectException;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.WrongPassphraseException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one {@code keyport unlock} connection: {@code STATE} and {@code UNLOCK} requests, one reply line each,
 * until the client closes the connection.
 */
final class UnlockSession {

    private static final Logger LOG = LoggerFactory.getLogger(UnlockSession.class);

    /** Collection ids use ASCII letters, digits and {@code _}, as the storage contract requires. */
    private static final Pattern COLLECTION_ID = Pattern.compile("[A-Za-z0-9_]{1,255}");

    private final LineChannel channel;
    private final CollectionRegistry collections;
    private final String peer;

    UnlockSession(LineChannel channel, CollectionRegistry collections, String peer) {
        this.channel = channel;
        this.collections = collections;
        this.peer = peer;
    }

    void serve() throws IOException {
        byte[] line;
        while ((line = channel.readLine()) != null) {
            String reply;
            try {
                reply = handle(line);
            } catch (PromptWire.MalformedLineException e) {
                LOG.warn("Closed the keyport unlock connection of {}: {}", peer, e.getMessage());
                channel.writeLine(PromptWire.ERROR + " " + PromptWire.text(e.getMessage()));
                return;
            } finally {
                Arrays.fill(line, (byte) 0);
            }
            channel.writeLine(reply);
        }
    }

    private String handle(byte[] line) {
        String command = PromptWire.command(line);
        if (command.equals(PromptWire.STATE)) {
            List<String> fields = PromptWire.fields(line);
            if (fields.size() != 2) {
                throw new PromptWire.MalformedLineException("STATE takes one field, the collection id");
            }
            return state(PromptWire.decodeText(fields.get(1)));
        }
        if (command.equals(PromptWire.UNLOCK)) {
            String id =
                    PromptWire.decodeText(PromptWire.fieldsBeforeSecret(line, 2).get(1));
            return unlock(id, PromptWire.secretField(line, 2));
        }
        throw new PromptWire.MalformedLineException("An unlock session takes STATE and UNLOCK requests only");
    }

    private String state(String id) {
        Optional<StorageCollection> collection = find(id);
        if (collection.isEmpty()) {
            return noSuchCollection();
        }
        return collection.get().isLocked() ? PromptWire.LOCKED : PromptWire.UNLOCKED;
    }

    /** Unlocks the collection with {@code passphrase}, which this method wipes. */
    private String unlock(String id, byte[] passphrase) {
        try (SecretValue secret = SecretValue.wrap(passphrase, "text/plain")) {
            Optional<StorageCollection> found = find(id);
            if (found.isEmpty()) {
                return noSuchCollection();
            }
            StorageCollection collection = found.get();
            if (!collection.isLocked()) {
                LOG.info("keyport unlock from {}: collection {} is already unlocked", peer, id);
                return PromptWire.UNLOCKED;
            }
            collection.unlock(collection.needsPassphrase() ? secret : null);
            LOG.info("Unlocked collection {} for keyport unlock from {}", id, peer);
            return PromptWire.UNLOCKED;
        } catch (WrongPassphraseException e) {
            LOG.info("keyport unlock from {}: wrong passphrase for collection {}", peer, id);
            return PromptWire.WRONG_PASSPHRASE;
        } catch (NoSuchObjectException e) {
            return noSuchCollection();
        } catch (RuntimeException e) {
            LOG.error("keyport unlock from {} could not unlock collection {}", peer, id, e);
            return PromptWire.FAILED + " " + PromptWire.text("Unlocking failed: " + e.getMessage());
        }
    }

    private Optional<StorageCollection> find(String id) {
        if (!COLLECTION_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return collections.find(id);
    }

    private String noSuchCollection() {
        return PromptWire.NO_SUCH_COLLECTION + " " + PromptWire.text(String.join(",", collections.ids()));
    }
}
