package io.keyport.secretservice.internal.dbus;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;

/** {@code org.freedesktop.Secret.Collection}. */
@DBusInterfaceName("org.freedesktop.Secret.Collection")
@SuppressWarnings("checkstyle:methodname")
public interface CollectionInterface extends DBusInterface {

    DBusPath Delete();

    List<DBusPath> SearchItems(Map<String, String> attributes);

    Pair<DBusPath, DBusPath> CreateItem(Map<String, Variant<?>> properties, Secret secret, boolean replace);

    /** An item appeared in the collection. */
    class ItemCreated extends DBusSignal {
        public ItemCreated(String path, DBusPath item) throws DBusException {
            super(path, item);
        }
    }

    /** An item was deleted. */
    class ItemDeleted extends DBusSignal {
        public ItemDeleted(String path, DBusPath item) throws DBusException {
            super(path, item);
        }
    }

    /** An item's label, attributes or secret changed. */
    class ItemChanged extends DBusSignal {
        public ItemChanged(String path, DBusPath item) throws DBusException {
            super(path, item);
        }
    }
}
