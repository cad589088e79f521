package org.freedesktop.DBus.Error;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The standard D-Bus error {@code org.freedesktop.DBus.Error.UnknownProperty}: the object has no such property. dbus-java sends an
 * exception's class name as the error name, hence this package.
 */
public final class UnknownProperty extends DBusExecutionException {

    private static final long serialVersionUID = 1L;

    public UnknownProperty(String message) {
        super(message);
    }
}
