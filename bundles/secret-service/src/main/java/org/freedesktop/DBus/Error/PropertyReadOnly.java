package org.freedesktop.DBus.Error;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The standard D-Bus error {@code org.freedesktop.DBus.Error.PropertyReadOnly}: the property cannot be written. dbus-java sends an
 * exception's class name as the error name, hence this package.
 */
public final class PropertyReadOnly extends DBusExecutionException {

    private static final long serialVersionUID = 1L;

    public PropertyReadOnly(String message) {
        super(message);
    }
}
