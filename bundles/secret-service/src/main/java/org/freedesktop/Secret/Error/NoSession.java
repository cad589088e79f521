package org.freedesktop.Secret.Error;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The D-Bus error {@code org.freedesktop.Secret.Error.NoSession}: The session is unknown, closed, or owned by another connection. dbus-java sends an exception's
 * class name as the error name, hence this package.
 */
public final class NoSession extends DBusExecutionException {

    private static final long serialVersionUID = 1L;

    public NoSession(String message) {
        super(message);
    }
}
