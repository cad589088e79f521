package io.keyport.bus.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.types.UInt32;

/** Requests a well-known name and, when another process holds it, describes that process. */
final class NameClaim {

    private static final int PRIMARY_OWNER = 1;
    private static final int ALREADY_OWNER = 4;

    private final DBus bus;
    private final String name;

    NameClaim(DBusConnection connection, String name) throws DBusException {
        this.bus = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
        this.name = name;
    }

    /**
     * Claims the name without queueing. Keyport always lets a later Keyport started with
     * {@code --replace} take the name over; {@code replace} asks the same of the current owner.
     *
     * @throws NameTakenException when another connection keeps the name
     */
    void claim(boolean replace) throws NameTakenException {
        int flags = DBus.DBUS_NAME_FLAG_ALLOW_REPLACEMENT | DBus.DBUS_NAME_FLAG_DO_NOT_QUEUE;
        if (replace) {
            flags |= DBus.DBUS_NAME_FLAG_REPLACE_EXISTING;
        }
        int reply = bus.RequestName(name, new UInt32(flags)).intValue();
        if (reply == PRIMARY_OWNER || reply == ALREADY_OWNER) {
            return;
        }
        String owner = describeOwner();
        String fix = replace
                ? "It does not allow replacement: stop that process first."
                : "Stop that process, or start Keyport with --replace to take the name over.";
        throw new NameTakenException(name + " is already owned by " + owner + ". " + fix);
    }

    /** Returns the owner's unique name, pid and executable, as far as the bus and /proc tell them. */
    String describeOwner() {
        String unique;
        try {
            unique = bus.GetNameOwner(name);
        } catch (DBusExecutionException e) {
            return "another connection, which has since left the bus";
        }
        StringBuilder description = new StringBuilder(unique);
        try {
            long pid = bus.GetConnectionUnixProcessID(unique).longValue();
            description.append(" (pid ").append(pid);
            executableOf(pid).ifPresent(exe -> description.append(", ").append(exe));
            description.append(')');
        } catch (DBusExecutionException e) {
            description.append(" (pid unknown)");
        }
        return description.toString();
    }

    private static java.util.Optional<String> executableOf(long pid) {
        try {
            return java.util.Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe"))
                    .toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return java.util.Optional.empty();
        }
    }

    /** Another connection owns the name. The message names it and the fix. */
    static final class NameTakenException extends Exception {

        private static final long serialVersionUID = 1L;

        NameTakenException(String message) {
            super(message);
        }
    }
}
