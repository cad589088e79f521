package io.keyport.secretservice.internal;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties.PropertiesChanged;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends signals on the bus; a signal that cannot be built or sent is logged, never thrown. */
final class Signals {

    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private final DBusConnection connection;

    Signals(DBusConnection connection) {
        this.connection = connection;
    }

    /** Builds and sends a signal. */
    void send(SignalFactory factory) {
        try {
            connection.sendMessage(factory.create());
        } catch (DBusException | RuntimeException e) {
            LOG.warn("Could not send a signal: {}", e.toString());
        }
    }

    /** Sends {@code org.freedesktop.DBus.Properties.PropertiesChanged}. */
    void propertiesChanged(
            String path, String interfaceName, Map<String, Variant<?>> changed, List<String> invalidated) {
        send(() -> new PropertiesChanged(path, interfaceName, changed, invalidated));
    }

    /** Creates a signal; may throw the DBusException of a signal constructor. */
    @FunctionalInterface
    interface SignalFactory {
        DBusSignal create() throws DBusException;
    }
}
