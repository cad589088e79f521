package org.freedesktop.DBus.Error;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The standard D-Bus error {@code org.freedesktop.DBus.Error.AccessDenied}: the caller may not perform this operation. dbus-java sends an
 * exception's class name as the error name, hence this package.
 */
public final class AccessDenied extends DBusExecutionException {

    private static final long serialVersionUID = 1L;

    public AccessDenied(String message) {
        super(message);
    }
}
