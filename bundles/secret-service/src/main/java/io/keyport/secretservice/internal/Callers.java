package io.keyport.secretservice.internal;

import io.keyport.api.prompt.Caller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Identifies callers by asking the bus daemon for their uid and pid, and {@code /proc} for the executable. */
final class Callers {

    private static final Logger LOG = LoggerFactory.getLogger(Callers.class);

    private final DBusConnection connection;
    private final Map<String, Caller> known = new ConcurrentHashMap<>();

    Callers(DBusConnection connection) {
        this.connection = connection;
    }

    Caller identify(String busName) {
        return known.computeIfAbsent(busName, this::lookUp);
    }

    /** Forgets a bus name that left the bus; unique names are never reused. */
    void forget(String busName) {
        known.remove(busName);
    }

    private Caller lookUp(String busName) {
        long uid = -1;
        long pid = -1;
        String executable = "";
        try {
            DBus bus = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            uid = bus.GetConnectionUnixUser(busName).longValue();
            pid = bus.GetConnectionUnixProcessID(busName).longValue();
            executable = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe"))
                    .toString();
        } catch (DBusException | DBusExecutionException | IOException | SecurityException e) {
            LOG.debug("Could not identify {} fully: {}", busName, e.toString());
        }
        return new Caller(busName, uid, pid, executable);
    }
}
