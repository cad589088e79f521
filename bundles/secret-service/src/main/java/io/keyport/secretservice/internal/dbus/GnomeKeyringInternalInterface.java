package io.keyport.secretservice.internal.dbus;

import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/**
 * gnome-keyring's {@code org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface} on the service object:
 * create, unlock and re-key a collection with a master password sent as a session-encrypted secret, without
 * a prompt. Seahorse and headless unlock scripts use it.
 */
@DBusInterfaceName("org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface")
@SuppressWarnings("checkstyle:methodname")
public interface GnomeKeyringInternalInterface extends DBusInterface {

    void ChangeWithMasterPassword(DBusPath collection, Secret original, Secret master);

    DBusPath ChangeWithPrompt(DBusPath collection);

    DBusPath CreateWithMasterPassword(Map<String, Variant<?>> attributes, Secret master);

    void UnlockWithMasterPassword(DBusPath collection, Secret master);
}
