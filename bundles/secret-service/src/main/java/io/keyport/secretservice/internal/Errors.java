package io.keyport.secretservice.internal;

import io.keyport.api.crypto.InvalidSecretEncodingException;
import io.keyport.api.crypto.InvalidTransferInputException;
import io.keyport.api.crypto.UnsupportedAlgorithmException;
import io.keyport.api.storage.LockedException;
import io.keyport.api.storage.NoSuchObjectException;
import io.keyport.api.storage.StorageException;
import io.keyport.api.storage.WrongPassphraseException;
import java.util.function.Supplier;
import org.freedesktop.DBus.Error.Failed;
import org.freedesktop.DBus.Error.InvalidArgs;
import org.freedesktop.DBus.Error.NotSupported;
import org.freedesktop.Secret.Error.IsLocked;
import org.freedesktop.Secret.Error.NoSuchObject;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates every exception at the bus boundary into a Secret Service or standard D-Bus error.
 *
 * <p>The messages sent to clients are fixed texts: an engine's message may name a file, so it goes
 * to the log only, and no message carries a secret, a label or an attribute value.
 */
final class Errors {

    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    private Errors() {}

    /** Runs one D-Bus method body and translates what it throws. */
    static <T> T translate(String method, String path, Supplier<T> body) {
        try {
            return body.get();
        } catch (DBusExecutionException e) {
            throw e;
        } catch (LockedException e) {
            throw new IsLocked("The object is locked: unlock it first");
        } catch (NoSuchObjectException e) {
            throw new NoSuchObject("No such object: " + path);
        } catch (WrongPassphraseException e) {
            throw new org.freedesktop.DBus.Error.AccessDenied("The passphrase was wrong");
        } catch (UnsupportedAlgorithmException e) {
            throw new NotSupported("Unsupported algorithm: use plain or dh-ietf1024-sha256-aes128-cbc-pkcs7");
        } catch (InvalidTransferInputException e) {
            throw new InvalidArgs("Invalid session input: " + e.getMessage());
        } catch (InvalidSecretEncodingException e) {
            throw new InvalidArgs(
                    "The secret could not be decoded with the session: invalid parameters, value or" + " padding");
        } catch (UnsupportedOperationException e) {
            LOG.info("{} on {} is not supported by its storage engine", method, path);
            throw new NotSupported(method + " is not supported by the storage engine of " + path);
        } catch (IllegalArgumentException e) {
            // Engines raise it on client input that they reject, so any client could fill the log with stack traces.
            LOG.debug("{} on {} was rejected by its storage engine as invalid", method, path, e);
            throw new InvalidArgs(method + " was rejected by the storage engine of " + path + " as invalid input");
        } catch (StorageException e) {
            LOG.error("{} on {} failed in the storage engine", method, path, e);
            throw new Failed(method + " failed in the storage engine; the Keyport log has the details");
        } catch (RuntimeException e) {
            LOG.error("{} on {} failed", method, path, e);
            throw new Failed(method + " failed inside Keyport; the Keyport log has the details");
        }
    }

    /** Runs a D-Bus method body without a result. */
    static void run(String method, String path, Runnable body) {
        translate(method, path, () -> {
            body.run();
            return null;
        });
    }
}
