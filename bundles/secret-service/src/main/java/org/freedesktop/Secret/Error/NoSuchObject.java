package org.freedesktop.Secret.Error;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The D-Bus error {@code org.freedesktop.Secret.Error.NoSuchObject}: The collection or item does not exist. dbus-java sends an exception's
 * class name as the error name, hence this package.
 */
public final class NoSuchObject extends DBusExecutionException {

    private static final long serialVersionUID = 1L;

    public NoSuchObject(String message) {
        super(message);
    }
}
