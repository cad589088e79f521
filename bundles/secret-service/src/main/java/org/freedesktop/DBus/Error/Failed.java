package org.freedesktop.DBus.Error;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The standard D-Bus error {@code org.freedesktop.DBus.Error.Failed}: the operation failed for a reason the caller cannot fix by changing the request. dbus-java sends an
 * exception's class name as the error name, hence this package.
 */
public final class Failed extends DBusExecutionException {

    private static final long serialVersionUID = 1L;

    public Failed(String message) {
        super(message);
    }
}
