package io.keyport.secretservice.internal;

import io.keyport.api.crypto.EncryptedSecret;
import io.keyport.api.crypto.TransferSession;
import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageItem;
import io.keyport.secretservice.internal.dbus.ItemInterface;
import io.keyport.secretservice.internal.dbus.Secret;
import java.util.Map;
import org.freedesktop.DBus.Error.PropertyReadOnly;
import org.freedesktop.Secret.Error.IsLocked;
import org.freedesktop.Secret.Error.NoSuchObject;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusProperty;
import org.freedesktop.dbus.annotations.DBusProperty.Access;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * {@code org.freedesktop.Secret.Item} for every item, registered once as the fallback for paths under
 * {@code /org/freedesktop/secrets/collection}: exporting an object per item would cost memory and start-up
 * time in proportion to the number of items. Each call finds its item from the called path.
 */
@DBusProperty(name = "Locked", type = Boolean.class, access = Access.READ)
@DBusProperty(name = "Attributes", type = ItemObject.AttributeMap.class, access = Access.READ_WRITE)
@DBusProperty(name = "Label", type = String.class, access = Access.READ_WRITE)
@DBusProperty(name = "Created", type = org.freedesktop.dbus.types.UInt64.class, access = Access.READ)
@DBusProperty(name = "Modified", type = org.freedesktop.dbus.types.UInt64.class, access = Access.READ)
final class ItemObject implements ItemInterface, Properties {

    private final ServiceContext context;

    ItemObject(ServiceContext context) {
        this.context = context;
    }

    @Override
    public String getObjectPath() {
        return ObjectPaths.COLLECTIONS;
    }

    @Override
    public DBusPath Delete() {
        String path = ServiceContext.calledPath();
        return Errors.translate("Delete", path, () -> {
            Located located = locate(path);
            Client client = context.client();
            AccessPolicy.Verdict verdict = context.access()
                    .require(
                            client,
                            "Delete",
                            AccessPolicy.Operation.DELETE,
                            located.collectionId(),
                            located.itemId(),
                            located.item().label());
            located.item().delete();
            context.access().deleted(located.path());
            context.access().completed(client, "Delete", located.path(), verdict);
            return ObjectPaths.NONE;
        });
    }

    @Override
    public Secret GetSecret(DBusPath sessionPath) {
        String path = ServiceContext.calledPath();
        return Errors.translate("GetSecret", path, () -> {
            TransferSession session = context.sessions.require(sessionPath, ServiceContext.caller());
            Located located = locate(path);
            StorageItem item = located.item();
            if (item.isLocked()) {
                throw new IsLocked("Item " + path + " is locked: unlock it first");
            }
            Client client = context.client();
            AccessPolicy.Verdict verdict = context.access()
                    .require(
                            client,
                            "GetSecret",
                            AccessPolicy.Operation.READ,
                            located.collectionId(),
                            located.itemId(),
                            item.label());
            Secret encoded = encode(session, sessionPath, item);
            context.access().completed(client, "GetSecret", located.path(), verdict);
            return encoded;
        });
    }

    @Override
    public void SetSecret(Secret secret) {
        String path = ServiceContext.calledPath();
        Errors.run("SetSecret", path, () -> {
            TransferSession session = context.sessions.require(secret.getSession(), ServiceContext.caller());
            Located located = locate(path);
            StorageItem item = located.item();
            if (item.isLocked()) {
                throw new IsLocked("Item " + path + " is locked: unlock it first");
            }
            Client client = context.client();
            AccessPolicy.Verdict verdict = context.access()
                    .require(
                            client,
                            "SetSecret",
                            AccessPolicy.Operation.WRITE,
                            located.collectionId(),
                            located.itemId(),
                            item.label());
            context.limits.checkEncoded(secret, session);
            try (SecretValue value =
                    session.decrypt(secret.getAlgorithmParameters(), secret.getValue(), secret.getContentType())) {
                context.limits.checkDecoded(value);
                item.setSecret(value);
            }
            context.access().completed(client, "SetSecret", located.path(), verdict);
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> A Get(String interfaceName, String propertyName) {
        String path = ServiceContext.calledPath();
        return Errors.translate("Get", path, () -> {
            Map<String, Variant<?>> all = GetAll(interfaceName);
            if (!all.containsKey(propertyName) && ("Label".equals(propertyName) || "Attributes".equals(propertyName))) {
                throw new IsLocked("Item " + path + " is locked: unlock it first");
            }
            return (A) PropertySupport.get(all, interfaceName, propertyName);
        });
    }

    @Override
    public <A> void Set(String interfaceName, String propertyName, A value) {
        String path = ServiceContext.calledPath();
        Errors.run("Set", path, () -> {
            if (!PropertyValues.ITEM_INTERFACE.equals(interfaceName)) {
                throw PropertySupport.unknownInterface(interfaceName);
            }
            StorageItem item = item(path);
            switch (propertyName) {
                case "Label" -> {
                    String label = Arguments.string(value, "Label");
                    InputLimits.checkLabel(label, "Label");
                    item.setLabel(label);
                }
                case "Attributes" -> {
                    Map<String, String> attributes = Arguments.attributes(value, "Attributes");
                    InputLimits.checkAttributes(attributes, "Attributes");
                    item.setAttributes(attributes);
                }
                default -> {
                    PropertySupport.get(PropertyValues.item(item), interfaceName, propertyName);
                    throw new PropertyReadOnly("Property " + propertyName + " is read-only");
                }
            }
        });
    }

    @Override
    public Map<String, Variant<?>> GetAll(String interfaceName) {
        String path = ServiceContext.calledPath();
        return Errors.translate("GetAll", path, () -> {
            if (!PropertyValues.ITEM_INTERFACE.equals(interfaceName) && !interfaceName.isEmpty()) {
                throw PropertySupport.unknownInterface(interfaceName);
            }
            return PropertyValues.item(item(path));
        });
    }

    /** Encodes an unlocked item's secret for a session; shared with Service.GetSecrets. */
    static Secret encode(TransferSession session, DBusPath sessionPath, StorageItem item) {
        try (SecretValue value = item.secret();
                EncryptedSecret encrypted = session.encrypt(value)) {
            return new Secret(sessionPath, encrypted.parameters(), encrypted.value(), encrypted.contentType());
        }
    }

    private StorageItem item(String path) {
        return locate(path).item();
    }

    /** Finds the item of a collection or alias path, with the ids of its canonical path. */
    private Located locate(String path) {
        ObjectPaths.Target target = ObjectPaths.parse(path)
                .filter(ObjectPaths.Target::isItem)
                .orElseThrow(() -> new NoSuchObject("No such item: " + path));
        CollectionDirectory.Entry entry = context.directory().require(target, path);
        return new Located(entry.id(), target.itemId(), entry.collection().item(target.itemId()));
    }

    /** An item with its collection id and item id. */
    private record Located(String collectionId, String itemId, StorageItem item) {

        String path() {
            return ObjectPaths.item(collectionId, itemId);
        }
    }

    /** Type token for the {@code a{ss}} Attributes property in introspection data. */
    interface AttributeMap extends org.freedesktop.dbus.TypeRef<Map<String, String>> {}
}
