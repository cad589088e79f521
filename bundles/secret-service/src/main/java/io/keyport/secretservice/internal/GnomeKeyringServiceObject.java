package io.keyport.secretservice.internal;

import io.keyport.api.crypto.TransferSession;
import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageEngine;
import io.keyport.api.storage.WrongPassphraseException;
import io.keyport.secretservice.internal.dbus.GnomeKeyringInternalInterface;
import io.keyport.secretservice.internal.dbus.Secret;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.freedesktop.DBus.Error.NotSupported;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;
import org.gnome.keyring.Error.Denied;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service object with gnome-keyring's internal interface added, for Seahorse and headless scripts that
 * unlock with a master password. Served only when the configuration enables it, because it lets any program
 * on the bus try passphrases without a prompt.
 */
final class GnomeKeyringServiceObject extends ServiceObject implements GnomeKeyringInternalInterface {

    private static final Logger LOG = LoggerFactory.getLogger(GnomeKeyringServiceObject.class);

    private final ServiceContext context;
    private final Supplier<Optional<StorageEngine>> collectionCreator;

    GnomeKeyringServiceObject(ServiceContext context, Supplier<Optional<StorageEngine>> collectionCreator) {
        super(context, collectionCreator);
        this.context = context;
        this.collectionCreator = collectionCreator;
    }

    @Override
    public void ChangeWithMasterPassword(DBusPath collection, Secret original, Secret master) {
        Errors.run("ChangeWithMasterPassword", collection.getPath(), () -> {
            CollectionDirectory.Entry entry = context.directory().require(collection.getPath());
            try (SecretValue current = decrypt(original);
                    SecretValue replacement = decrypt(master)) {
                entry.collection().changePassphrase(current, replacement);
                LOG.info("Changed the passphrase of collection {} for {}", entry.id(), ServiceContext.caller());
            } catch (WrongPassphraseException e) {
                throw new Denied("The password was invalid");
            }
        });
    }

    @Override
    public DBusPath ChangeWithPrompt(DBusPath collection) {
        return Errors.translate("ChangeWithPrompt", collection.getPath(), () -> {
            CollectionDirectory.Entry entry = context.directory().require(collection.getPath());
            io.keyport.api.prompt.Caller caller = context.callers.identify(ServiceContext.caller());
            String prompt =
                    context.prompts.create(caller.busName(), new ChangePassphraseAction(context, entry, caller));
            return new DBusPath(prompt);
        });
    }

    @Override
    public DBusPath CreateWithMasterPassword(Map<String, Variant<?>> attributes, Secret master) {
        return Errors.translate("CreateWithMasterPassword", ObjectPaths.SERVICE, () -> {
            String label = attributes.containsKey(COLLECTION_LABEL)
                    ? Arguments.string(attributes.get(COLLECTION_LABEL), COLLECTION_LABEL)
                    : "";
            InputLimits.checkLabel(label, COLLECTION_LABEL);
            StorageEngine engine = collectionCreator
                    .get()
                    .orElseThrow(() -> new NotSupported(
                            "No storage engine accepts new collections; configure one with collections.create=true"));
            try (SecretValue passphrase = decrypt(master)) {
                String id = newCollectionId(label);
                engine.createCollection(id, label, engine.needsPassphraseForNewCollections() ? passphrase : null);
                LOG.info("Created collection {} with a master password for {}", id, ServiceContext.caller());
                return new DBusPath(ObjectPaths.collection(id));
            }
        });
    }

    @Override
    public void UnlockWithMasterPassword(DBusPath collection, Secret master) {
        Errors.run("UnlockWithMasterPassword", collection.getPath(), () -> {
            CollectionDirectory.Entry entry = context.directory().require(collection.getPath());
            try (SecretValue passphrase = decrypt(master)) {
                entry.collection().unlock(entry.collection().needsPassphrase() ? passphrase : null);
                LOG.info("Unlocked collection {} with a master password for {}", entry.id(), ServiceContext.caller());
            } catch (WrongPassphraseException e) {
                LOG.info("Wrong master password for collection {} from {}", entry.id(), ServiceContext.caller());
                throw new Denied("The password was invalid");
            }
        });
    }

    private SecretValue decrypt(Secret secret) {
        TransferSession session = context.sessions.require(secret.getSession(), ServiceContext.caller());
        return session.decrypt(secret.getAlgorithmParameters(), secret.getValue(), secret.getContentType());
    }
}
