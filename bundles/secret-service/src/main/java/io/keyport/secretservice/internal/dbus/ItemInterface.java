package io.keyport.secretservice.internal.dbus;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** {@code org.freedesktop.Secret.Item}. */
@DBusInterfaceName("org.freedesktop.Secret.Item")
@SuppressWarnings("checkstyle:methodname")
public interface ItemInterface extends DBusInterface {

    DBusPath Delete();

    Secret GetSecret(DBusPath session);

    void SetSecret(Secret secret);
}
