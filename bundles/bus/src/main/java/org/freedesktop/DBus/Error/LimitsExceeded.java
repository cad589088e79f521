package org.freedesktop.DBus.Error;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The standard D-Bus error {@code org.freedesktop.DBus.Error.LimitsExceeded}: a call was larger than a limit.
 * dbus-java sends an exception's class name as the error name, hence this package.
 */
public final class LimitsExceeded extends DBusExecutionException {

    private static final long serialVersionUID = 1L;

    public LimitsExceeded(String message) {
        super(message);
    }
}
