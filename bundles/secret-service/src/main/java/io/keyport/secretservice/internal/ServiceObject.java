package io.keyport.secretservice.internal;

import io.keyport.api.crypto.TransferAlgorithms;
import io.keyport.api.crypto.TransferSession;
import io.keyport.api.prompt.Caller;
import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageEngine;
import io.keyport.api.storage.StorageItem;
import io.keyport.secretservice.internal.dbus.Pair;
import io.keyport.secretservice.internal.dbus.Secret;
import io.keyport.secretservice.internal.dbus.SecretServiceInterface;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.freedesktop.DBus.Error.InvalidArgs;
import org.freedesktop.DBus.Error.NotSupported;
import org.freedesktop.DBus.Error.PropertyReadOnly;
import org.freedesktop.Secret.Error.NoSuchObject;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusProperty;
import org.freedesktop.dbus.annotations.DBusProperty.Access;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code org.freedesktop.Secret.Service} at {@code /org/freedesktop/secrets}. */
@DBusProperty(name = "Collections", type = CollectionObject.PathList.class, access = Access.READ)
class ServiceObject implements SecretServiceInterface, Properties {

    static final String INTERFACE = "org.freedesktop.Secret.Service";
    static final String COLLECTION_LABEL = "org.freedesktop.Secret.Collection.Label";

    private static final Logger LOG = LoggerFactory.getLogger(ServiceObject.class);

    private final ServiceContext context;
    private final Supplier<Optional<StorageEngine>> collectionCreator;

    /** @param collectionCreator returns the engine that receives new collections, if any accepts them */
    ServiceObject(ServiceContext context, Supplier<Optional<StorageEngine>> collectionCreator) {
        this.context = context;
        this.collectionCreator = collectionCreator;
    }

    @Override
    public String getObjectPath() {
        return ObjectPaths.SERVICE;
    }

    @Override
    public Pair<Variant<?>, DBusPath> OpenSession(String algorithm, Variant<?> input) {
        return Errors.translate("OpenSession", ObjectPaths.SERVICE, () -> {
            byte[] clientInput;
            if (TransferAlgorithms.PLAIN.equals(algorithm)) {
                if (!"s".equals(input.getSig())) {
                    throw new InvalidArgs(
                            "The plain algorithm takes an empty string (s) as input, not " + input.getSig());
                }
                clientInput = new byte[0];
            } else if (context.transfer.algorithms().contains(algorithm)) {
                clientInput = Arguments.bytes(input, algorithm + " input (the client's public key)");
            } else {
                throw new NotSupported("Unsupported algorithm: use plain or dh-ietf1024-sha256-aes128-cbc-pkcs7");
            }
            TransferSession session = context.transfer.open(algorithm, clientInput);
            String path = context.sessions.add(ServiceContext.caller(), session);
            byte[] output = session.output();
            Variant<?> reply = output.length == 0 && TransferAlgorithms.PLAIN.equals(algorithm)
                    ? new Variant<>("")
                    : new Variant<>(output, "ay");
            return new Pair<>(reply, new DBusPath(path));
        });
    }

    @Override
    public Pair<DBusPath, DBusPath> CreateCollection(Map<String, Variant<?>> properties, String alias) {
        return Errors.translate("CreateCollection", ObjectPaths.SERVICE, () -> {
            String label = properties.containsKey(COLLECTION_LABEL)
                    ? Arguments.string(properties.get(COLLECTION_LABEL), COLLECTION_LABEL)
                    : "";
            InputLimits.checkLabel(label, COLLECTION_LABEL);
            if (!alias.isEmpty()) {
                if (!ObjectPaths.isValidElement(alias)) {
                    throw new InvalidArgs("Alias names use ASCII letters, digits and _");
                }
                Optional<String> existing = context.directory().resolveAlias(alias);
                if (existing.isPresent()) {
                    return new Pair<>(new DBusPath(ObjectPaths.collection(existing.get())), ObjectPaths.NONE);
                }
            }
            StorageEngine engine = collectionCreator
                    .get()
                    .orElseThrow(() -> new NotSupported(
                            "No storage engine accepts new collections; configure one with collections.create=true"));
            // Clients that find no default collection create one with the alias default; it becomes login,
            // the collection that Keyport and other providers keep behind that alias.
            boolean login = alias.equals("default") || alias.equals(LoginBootstrap.LOGIN);
            String id = newCollectionId(login ? LoginBootstrap.LOGIN : alias.isEmpty() ? label : alias);
            Caller caller = context.callers.identify(ServiceContext.caller());
            Client client = context.client();
            if (!engine.needsPassphraseForNewCollections()) {
                return new Pair<>(create(client, engine, id, label, alias, null), ObjectPaths.NONE);
            }
            String prompt = context.prompts.create(
                    caller.busName(),
                    new CreateCollectionAction(
                            context,
                            label,
                            caller,
                            passphrase -> create(client, engine, id, label, alias, passphrase)));
            return new Pair<>(ObjectPaths.NONE, new DBusPath(prompt));
        });
    }

    @Override
    public Pair<List<DBusPath>, List<DBusPath>> SearchItems(Map<String, String> attributes) {
        return Errors.translate("SearchItems", ObjectPaths.SERVICE, () -> {
            InputLimits.checkAttributes(attributes, "The search query");
            List<DBusPath> unlocked = new ArrayList<>();
            List<DBusPath> locked = new ArrayList<>();
            for (CollectionDirectory.Entry entry : context.directory().entries()) {
                List<DBusPath> hits = entry.collection().search(attributes).stream()
                        .filter(ObjectPaths::isValidElement)
                        .map(entry::itemPath)
                        .toList();
                (entry.collection().isLocked() ? locked : unlocked).addAll(hits);
            }
            return new Pair<>(unlocked, locked);
        });
    }

    @Override
    public Pair<List<DBusPath>, DBusPath> Unlock(List<DBusPath> objects) {
        return Errors.translate("Unlock", ObjectPaths.SERVICE, () -> {
            List<DBusPath> unlocked = new ArrayList<>();
            List<DBusPath> waiting = new ArrayList<>();
            Set<CollectionDirectory.Entry> toPrompt = new LinkedHashSet<>();
            for (DBusPath object : objects) {
                Optional<CollectionDirectory.Entry> entry = findCollection(object);
                if (entry.isEmpty()) {
                    continue;
                }
                StorageCollection collection = entry.get().collection();
                if (collection.isLocked() && !collection.needsPassphrase()) {
                    collection.unlock(null);
                }
                if (collection.isLocked()) {
                    toPrompt.add(entry.get());
                    waiting.add(object);
                } else {
                    unlocked.add(object);
                }
            }
            if (toPrompt.isEmpty()) {
                return new Pair<>(unlocked, ObjectPaths.NONE);
            }
            Caller caller = context.callers.identify(ServiceContext.caller());
            String prompt = context.prompts.create(
                    caller.busName(), new UnlockAction(context, List.copyOf(toPrompt), waiting, caller));
            return new Pair<>(unlocked, new DBusPath(prompt));
        });
    }

    @Override
    public Pair<List<DBusPath>, DBusPath> Lock(List<DBusPath> objects) {
        return Errors.translate("Lock", ObjectPaths.SERVICE, () -> {
            List<DBusPath> locked = new ArrayList<>();
            for (DBusPath object : objects) {
                Optional<CollectionDirectory.Entry> entry = findCollection(object);
                if (entry.isPresent()) {
                    entry.get().collection().lock();
                    if (entry.get().collection().isLocked()) {
                        locked.add(object);
                    }
                }
            }
            return new Pair<>(locked, ObjectPaths.NONE);
        });
    }

    @Override
    public Map<DBusPath, Secret> GetSecrets(List<DBusPath> items, DBusPath session) {
        return Errors.translate("GetSecrets", ObjectPaths.SERVICE, () -> {
            TransferSession transfer = context.sessions.require(session, ServiceContext.caller());
            Client client = context.client();
            Map<DBusPath, Secret> secrets = new LinkedHashMap<>();
            for (DBusPath item : items) {
                Optional<ObjectPaths.Target> target =
                        ObjectPaths.parse(item.getPath()).filter(ObjectPaths.Target::isItem);
                if (target.isEmpty()) {
                    continue;
                }
                try {
                    CollectionDirectory.Entry entry = context.directory().require(target.get(), item.getPath());
                    if (!entry.collection().isLocked()) {
                        String itemId = target.get().itemId();
                        StorageItem stored = entry.collection().item(itemId);
                        // NOTE: each item that needs a question gets its own, one after another, so a program that
                        // reads many items created by others asks the user many times.
                        AccessPolicy.Verdict verdict = context.access()
                                .authorize(
                                        client,
                                        "GetSecrets",
                                        AccessPolicy.Operation.READ,
                                        entry.id(),
                                        itemId,
                                        stored.label());
                        if (verdict.allowed()) {
                            secrets.put(item, ItemObject.encode(transfer, session, stored));
                            context.access()
                                    .completed(client, "GetSecrets", ObjectPaths.item(entry.id(), itemId), verdict);
                        } else if (AccessPolicy.CALLER_GONE.equals(verdict.reason())) {
                            break;
                        }
                    }
                } catch (NoSuchObject
                        | io.keyport.api.storage.NoSuchObjectException
                        | io.keyport.api.storage.LockedException e) {
                    LOG.debug(
                            "GetSecrets leaves out {}: {}",
                            item.getPath(),
                            e.getClass().getSimpleName());
                }
            }
            return secrets;
        });
    }

    @Override
    public DBusPath ReadAlias(String name) {
        return Errors.translate(
                "ReadAlias",
                ObjectPaths.SERVICE,
                () -> context.directory()
                        .resolveAlias(name)
                        .map(id -> new DBusPath(ObjectPaths.collection(id)))
                        .orElse(ObjectPaths.NONE));
    }

    @Override
    public void SetAlias(String name, DBusPath collection) {
        Errors.run("SetAlias", ObjectPaths.SERVICE, () -> {
            if (!ObjectPaths.isValidElement(name)) {
                throw new InvalidArgs("Alias names use ASCII letters, digits and _");
            }
            if (collection.getPath().equals("/")) {
                context.directory().setAlias(name, "");
                return;
            }
            CollectionDirectory.Entry entry = context.directory().require(collection.getPath());
            if (ObjectPaths.parse(collection.getPath())
                    .map(ObjectPaths.Target::isItem)
                    .orElse(true)) {
                throw new NoSuchObject("No such collection: " + collection.getPath());
            }
            context.directory().setAlias(name, entry.id());
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> A Get(String interfaceName, String propertyName) {
        return Errors.translate("Get", ObjectPaths.SERVICE, () ->
                (A) PropertySupport.get(GetAll(interfaceName), interfaceName, propertyName));
    }

    @Override
    public <A> void Set(String interfaceName, String propertyName, A value) {
        Errors.run("Set", ObjectPaths.SERVICE, () -> {
            PropertySupport.get(GetAll(interfaceName), interfaceName, propertyName);
            throw new PropertyReadOnly("Property " + propertyName + " is read-only");
        });
    }

    @Override
    public Map<String, Variant<?>> GetAll(String interfaceName) {
        return Errors.translate("GetAll", ObjectPaths.SERVICE, () -> {
            if (!INTERFACE.equals(interfaceName) && !interfaceName.isEmpty()) {
                throw PropertySupport.unknownInterface(interfaceName);
            }
            return Map.of("Collections", new Variant<>(context.directory().paths(), "ao"));
        });
    }

    /** Returns the collection of a collection, alias or existing item path; empty for anything else. */
    private Optional<CollectionDirectory.Entry> findCollection(DBusPath object) {
        try {
            CollectionDirectory.Entry entry = context.directory().require(object.getPath());
            Optional<String> itemId = ObjectPaths.parse(object.getPath()).map(ObjectPaths.Target::itemId);
            if (itemId.isPresent()) {
                entry.collection().item(itemId.get());
            }
            return Optional.of(entry);
        } catch (NoSuchObject | io.keyport.api.storage.NoSuchObjectException e) {
            return Optional.empty();
        }
    }

    private DBusPath create(
            Client client, StorageEngine engine, String id, String label, String alias, SecretValue passphrase) {
        engine.createCollection(id, label, passphrase);
        LOG.info("Created collection {}", id);
        context.access().created(client, ObjectPaths.collection(id));
        if (!alias.isEmpty()) {
            context.directory().setAlias(alias, id);
        }
        return new DBusPath(ObjectPaths.collection(id));
    }

    /** Derives a free collection id from a label or alias: letters, digits and _, made unique by a suffix. */
    String newCollectionId(String name) {
        String base = name.replaceAll("[^A-Za-z0-9_]", "_");
        if (base.isEmpty() || base.chars().allMatch(c -> c == '_')) {
            base = "collection";
        }
        String id = base;
        for (int suffix = 2; context.directory().find(id).isPresent(); suffix++) {
            id = base + "_" + suffix;
        }
        return id;
    }
}
