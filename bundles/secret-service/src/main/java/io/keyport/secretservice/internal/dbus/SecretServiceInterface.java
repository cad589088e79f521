package io.keyport.secretservice.internal.dbus;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;

/** {@code org.freedesktop.Secret.Service}, served at {@code /org/freedesktop/secrets}. */
@DBusInterfaceName("org.freedesktop.Secret.Service")
@SuppressWarnings("checkstyle:methodname")
public interface SecretServiceInterface extends DBusInterface {

    Pair<Variant<?>, DBusPath> OpenSession(String algorithm, Variant<?> input);

    Pair<DBusPath, DBusPath> CreateCollection(Map<String, Variant<?>> properties, String alias);

    Pair<List<DBusPath>, List<DBusPath>> SearchItems(Map<String, String> attributes);

    Pair<List<DBusPath>, DBusPath> Unlock(List<DBusPath> objects);

    Pair<List<DBusPath>, DBusPath> Lock(List<DBusPath> objects);

    Map<DBusPath, Secret> GetSecrets(List<DBusPath> items, DBusPath session);

    DBusPath ReadAlias(String name);

    void SetAlias(String name, DBusPath collection);

    /** A collection appeared. */
    class CollectionCreated extends DBusSignal {
        public CollectionCreated(String path, DBusPath collection) throws DBusException {
            super(path, collection);
        }
    }

    /** A collection went away. */
    class CollectionDeleted extends DBusSignal {
        public CollectionDeleted(String path, DBusPath collection) throws DBusException {
            super(path, collection);
        }
    }

    /** A collection's properties changed. */
    class CollectionChanged extends DBusSignal {
        public CollectionChanged(String path, DBusPath collection) throws DBusException {
            super(path, collection);
        }
    }
}
