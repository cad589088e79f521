package org.gnome.keyring.Error;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The D-Bus error {@code org.gnome.keyring.Error.Denied}, which gnome-keyring's internal interface returns for
 * a wrong master password. dbus-java sends an exception's class name as the error name, hence this package.
 */
public final class Denied extends DBusExecutionException {

    private static final long serialVersionUID = 1L;

    public Denied(String message) {
        super(message);
    }
}
