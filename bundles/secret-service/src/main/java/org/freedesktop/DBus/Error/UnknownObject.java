package org.freedesktop.DBus.Error;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The standard D-Bus error {@code org.freedesktop.DBus.Error.UnknownObject}: no object exists at the path. dbus-java sends an
 * exception's class name as the error name, hence this package.
 */
public final class UnknownObject extends DBusExecutionException {

    private static final long serialVersionUID = 1L;

    public UnknownObject(String message) {
        super(message);
    }
}
