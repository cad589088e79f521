package io.keyport.secretservice.internal.dbus;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** {@code org.freedesktop.Secret.Session}. */
@DBusInterfaceName("org.freedesktop.Secret.Session")
@SuppressWarnings("checkstyle:methodname")
public interface SessionInterface extends DBusInterface {

    void Close();
}
