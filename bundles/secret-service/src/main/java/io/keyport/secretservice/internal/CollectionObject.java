package io.keyport.secretservice.internal;

import io.keyport.api.crypto.TransferSession;
import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageItem;
import io.keyport.secretservice.internal.dbus.CollectionInterface;
import io.keyport.secretservice.internal.dbus.Pair;
import io.keyport.secretservice.internal.dbus.Secret;
import java.util.List;
import java.util.Map;
import org.freedesktop.DBus.Error.PropertyReadOnly;
import org.freedesktop.Secret.Error.IsLocked;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusProperty;
import org.freedesktop.dbus.annotations.DBusProperty.Access;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * {@code org.freedesktop.Secret.Collection} for one collection, exported at the collection's path and at
 * the path of every alias that points at it.
 */
@DBusProperty(name = "Items", type = CollectionObject.PathList.class, access = Access.READ)
@DBusProperty(name = "Label", type = String.class, access = Access.READ_WRITE)
@DBusProperty(name = "Locked", type = Boolean.class, access = Access.READ)
@DBusProperty(name = "Created", type = org.freedesktop.dbus.types.UInt64.class, access = Access.READ)
@DBusProperty(name = "Modified", type = org.freedesktop.dbus.types.UInt64.class, access = Access.READ)
final class CollectionObject implements CollectionInterface, Properties {

    static final String LABEL = "org.freedesktop.Secret.Item.Label";
    static final String ATTRIBUTES = "org.freedesktop.Secret.Item.Attributes";

    private final ServiceContext context;
    private final String id;

    CollectionObject(ServiceContext context, String id) {
        this.context = context;
        this.id = id;
    }

    @Override
    public String getObjectPath() {
        return ObjectPaths.collection(id);
    }

    @Override
    public DBusPath Delete() {
        return Errors.translate("Delete", path(), () -> {
            // Deleting a locked collection would destroy secrets that the caller has not proved it may open.
            if (collection().isLocked()) {
                throw new IsLocked("Collection " + path() + " is locked: unlock it before deleting it");
            }
            StorageCollection collection = collection();
            Client client = context.client();
            AccessPolicy.Verdict verdict = context.access()
                    .require(client, "Delete", AccessPolicy.Operation.DELETE_COLLECTION, id, null, collection.label());
            collection.delete();
            context.access().deleted(path());
            context.access().completed(client, "Delete", path(), verdict);
            return ObjectPaths.NONE;
        });
    }

    @Override
    public List<DBusPath> SearchItems(Map<String, String> attributes) {
        return Errors.translate("SearchItems", path(), () -> {
            InputLimits.checkAttributes(attributes, "The search query");
            return collection().search(attributes).stream()
                    .filter(ObjectPaths::isValidElement)
                    .map(itemId -> new DBusPath(ObjectPaths.item(id, itemId)))
                    .toList();
        });
    }

    @Override
    public Pair<DBusPath, DBusPath> CreateItem(Map<String, Variant<?>> properties, Secret secret, boolean replace) {
        return Errors.translate("CreateItem", path(), () -> {
            TransferSession session = context.sessions.require(secret.getSession(), ServiceContext.caller());
            StorageCollection collection = collection();
            if (collection.isLocked()) {
                throw new IsLocked("Collection " + path() + " is locked: unlock it first");
            }
            String label = properties.containsKey(LABEL) ? Arguments.string(properties.get(LABEL), LABEL) : "";
            Map<String, String> attributes = properties.containsKey(ATTRIBUTES)
                    ? Arguments.attributes(properties.get(ATTRIBUTES), ATTRIBUTES)
                    : Map.of();
            InputLimits.checkLabel(label, LABEL);
            InputLimits.checkAttributes(attributes, ATTRIBUTES);
            StorageItem item;
            Client client = context.client();
            context.limits.checkEncoded(secret, session);
            // An item that replace updates keeps its id, so the id is among the items that match the attributes now.
            List<String> replaceable = replace ? collection.search(attributes) : List.of();
            try (SecretValue value =
                    session.decrypt(secret.getAlgorithmParameters(), secret.getValue(), secret.getContentType())) {
                context.limits.checkDecoded(value);
                item = collection.createItem(label, attributes, value, replace);
            }
            String itemPath = ObjectPaths.item(id, item.id());
            if (replaceable.contains(item.id())) {
                context.access().updated(client, itemPath);
            } else {
                context.access().created(client, itemPath);
            }
            context.access().completed(client, "CreateItem", itemPath, new AccessPolicy.Verdict(true, "default"));
            return new Pair<>(new DBusPath(itemPath), ObjectPaths.NONE);
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> A Get(String interfaceName, String propertyName) {
        return Errors.translate(
                "Get", path(), () -> (A) PropertySupport.get(GetAll(interfaceName), interfaceName, propertyName));
    }

    @Override
    public <A> void Set(String interfaceName, String propertyName, A value) {
        Errors.run("Set", path(), () -> {
            if (!PropertyValues.COLLECTION_INTERFACE.equals(interfaceName)) {
                throw PropertySupport.unknownInterface(interfaceName);
            }
            if (!"Label".equals(propertyName)) {
                PropertySupport.get(GetAll(interfaceName), interfaceName, propertyName);
                throw new PropertyReadOnly("Property " + propertyName + " is read-only");
            }
            String label = Arguments.string(value, "Label");
            InputLimits.checkLabel(label, "Label");
            collection().setLabel(label);
        });
    }

    @Override
    public Map<String, Variant<?>> GetAll(String interfaceName) {
        return Errors.translate("GetAll", path(), () -> {
            if (!PropertyValues.COLLECTION_INTERFACE.equals(interfaceName) && !interfaceName.isEmpty()) {
                throw PropertySupport.unknownInterface(interfaceName);
            }
            return PropertyValues.collection(collection(), id);
        });
    }

    private StorageCollection collection() {
        return context.directory()
                .find(id)
                .orElseThrow(() -> new org.freedesktop.Secret.Error.NoSuchObject("No such collection: " + path()))
                .collection();
    }

    private String path() {
        return ObjectPaths.collection(id);
    }

    /** Type token for the {@code ao} Items property in introspection data. */
    interface PathList extends org.freedesktop.dbus.TypeRef<List<DBusPath>> {}
}
