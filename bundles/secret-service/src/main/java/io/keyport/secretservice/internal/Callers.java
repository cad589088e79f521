package io.keyport.secretservice.internal;

import io.keyport.api.prompt.Caller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identifies callers by asking the bus daemon for their uid and pid, and {@code /proc} for the executable, the
 * Flatpak app id and the systemd unit.
 */
final class Callers {

    private static final Logger LOG = LoggerFactory.getLogger(Callers.class);

    private final DBusConnection connection;
    private final Map<String, Client> known = new ConcurrentHashMap<>();

    Callers(DBusConnection connection) {
        this.connection = connection;
    }

    Caller identify(String busName) {
        return client(busName).caller();
    }

    Client client(String busName) {
        return known.computeIfAbsent(busName, this::lookUp);
    }

    /** Returns whether a bus name is connected, and {@code true} when the bus daemon cannot be asked. */
    boolean isOnBus(String busName) {
        try {
            DBus bus = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            return bus.NameHasOwner(busName);
        } catch (DBusException | DBusExecutionException e) {
            LOG.debug("Could not ask the bus whether {} is connected: {}", busName, e.toString());
            return true;
        }
    }

    /** Forgets a bus name that left the bus; unique names are never reused. */
    void forget(String busName) {
        known.remove(busName);
    }

    // NOTE: the pid is read once per bus name. A process that exits while its connection stays open (a passed
    // file descriptor) could have its pid reused, and /proc would then describe another program.
    private Client lookUp(String busName) {
        long uid = -1;
        long pid = -1;
        String executable = "";
        String appId = "";
        String unit = "";
        try {
            DBus bus = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            uid = bus.GetConnectionUnixUser(busName).longValue();
            pid = bus.GetConnectionUnixProcessID(busName).longValue();
            Path process = Path.of("/proc", Long.toString(pid));
            executable = Files.readSymbolicLink(process.resolve("exe")).toString();
            appId = ProcessInfo.flatpakAppId(readLines(process.resolve("root/.flatpak-info")));
            unit = ProcessInfo.systemdUnit(readLines(process.resolve("cgroup")));
        } catch (DBusException | DBusExecutionException | IOException | SecurityException e) {
            LOG.debug("Could not identify {} fully: {}", busName, e.toString());
        }
        return new Client(new Caller(busName, uid, pid, executable), appId, unit);
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }
}
