package org.freedesktop.DBus.Error;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The standard D-Bus error {@code org.freedesktop.DBus.Error.InvalidArgs}: an argument has the wrong type or value. dbus-java sends an
 * exception's class name as the error name, hence this package.
 */
public final class InvalidArgs extends DBusExecutionException {

    private static final long serialVersionUID = 1L;

    public InvalidArgs(String message) {
        super(message);
    }
}
