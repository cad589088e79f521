package io.keyport.secretservice.internal;

import io.keyport.secretservice.internal.dbus.CollectionInterface;
import io.keyport.secretservice.internal.dbus.ItemInterface;
import io.keyport.secretservice.internal.dbus.Pair;
import io.keyport.secretservice.internal.dbus.Secret;
import java.util.List;
import java.util.Map;
import org.freedesktop.Secret.Error.NoSuchObject;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * The fallback for paths under {@code /org/freedesktop/secrets/aliases}. An alias whose collection is
 * present is exported as that collection's object, so calls reach this object only for item paths under an
 * alias, which go to {@link ItemObject}, and for aliases whose collection is absent, which get NoSuchObject.
 */
final class AliasObject implements CollectionInterface, ItemInterface, Properties {

    private final ItemObject items;

    AliasObject(ItemObject items) {
        this.items = items;
    }

    @Override
    public String getObjectPath() {
        return ObjectPaths.ALIASES;
    }

    @Override
    public DBusPath Delete() {
        requireItemPath();
        return items.Delete();
    }

    @Override
    public List<DBusPath> SearchItems(Map<String, String> attributes) {
        throw absent();
    }

    @Override
    public Pair<DBusPath, DBusPath> CreateItem(Map<String, Variant<?>> properties, Secret secret, boolean replace) {
        throw absent();
    }

    @Override
    public Secret GetSecret(DBusPath session) {
        requireItemPath();
        return items.GetSecret(session);
    }

    @Override
    public void SetSecret(Secret secret) {
        requireItemPath();
        items.SetSecret(secret);
    }

    @Override
    public <A> A Get(String interfaceName, String propertyName) {
        requireItemPath();
        return items.Get(interfaceName, propertyName);
    }

    @Override
    public <A> void Set(String interfaceName, String propertyName, A value) {
        requireItemPath();
        items.Set(interfaceName, propertyName, value);
    }

    @Override
    public Map<String, Variant<?>> GetAll(String interfaceName) {
        requireItemPath();
        return items.GetAll(interfaceName);
    }

    private static void requireItemPath() {
        boolean item = ObjectPaths.parse(ServiceContext.calledPath())
                .map(ObjectPaths.Target::isItem)
                .orElse(false);
        if (!item) {
            throw absent();
        }
    }

    private static NoSuchObject absent() {
        String path = ServiceContext.calledPath();
        return new NoSuchObject("No collection behind " + path
                + ": the alias is unset or its collection is absent; create the collection or point the alias"
                + " at another one with SetAlias");
    }
}
