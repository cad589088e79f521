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
 * The fallback for paths under {@code /org/freedesktop/secrets/collection} and {@code .../aliases}. A present
 * collection, or an alias pointing at one, is exported as the collection's own object, so calls reach this
 * object only for item paths, which go to {@link ItemObject}, and for collections or aliases that are absent,
 * which get NoSuchObject.
 */
final class FallbackObject implements CollectionInterface, ItemInterface, Properties {

    private final ItemObject items;

    FallbackObject(ItemObject items) {
        this.items = items;
    }

    @Override
    public String getObjectPath() {
        return ObjectPaths.COLLECTIONS;
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
        if (path.startsWith(ObjectPaths.ALIASES + "/")) {
            return new NoSuchObject("No collection behind " + path
                    + ": the alias is unset or its collection is absent; create the collection or point the alias"
                    + " at another one with SetAlias");
        }
        return new NoSuchObject("No such collection: " + path);
    }
}
