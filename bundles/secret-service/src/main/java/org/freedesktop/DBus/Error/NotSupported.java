package org.freedesktop.DBus.Error;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The standard D-Bus error {@code org.freedesktop.DBus.Error.NotSupported}: the request is valid but this service does not support it. dbus-java sends an
 * exception's class name as the error name, hence this package.
 */
public final class NotSupported extends DBusExecutionException {

    private static final long serialVersionUID = 1L;

    public NotSupported(String message) {
        super(message);
    }
}
