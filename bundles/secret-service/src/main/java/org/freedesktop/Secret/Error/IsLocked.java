package org.freedesktop.Secret.Error;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The D-Bus error {@code org.freedesktop.Secret.Error.IsLocked}: The collection or item is locked; unlock it first. dbus-java sends an exception's
 * class name as the error name, hence this package.
 */
public final class IsLocked extends DBusExecutionException {

    private static final long serialVersionUID = 1L;

    public IsLocked(String message) {
        super(message);
    }
}
