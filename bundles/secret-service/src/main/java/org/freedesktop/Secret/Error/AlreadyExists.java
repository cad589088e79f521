package org.freedesktop.Secret.Error;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The D-Bus error {@code org.freedesktop.Secret.Error.AlreadyExists}: An object with this name already exists. dbus-java sends an exception's
 * class name as the error name, hence this package.
 */
public final class AlreadyExists extends DBusExecutionException {

    private static final long serialVersionUID = 1L;

    public AlreadyExists(String message) {
        super(message);
    }
}
