package io.keyport.itests.secretservice;

import io.keyport.itests.Poll;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.freedesktop.dbus.DBusMatchRule;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;

/**
 * Records the signals of one interface member that a client receives, through a generic handler, so the
 * test needs no signal classes of its own.
 */
final class SignalRecorder implements AutoCloseable {

    private final String member;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AutoCloseable registration;

    private SignalRecorder(DBusConnection client, String interfaceName, String member) throws DBusException {
        this.member = member;
        this.registration =
                client.addGenericSigHandler(new DBusMatchRule("signal", interfaceName, member), this::record);
    }

    /** Starts recording {@code interfaceName.member} signals; the match rule is active when this returns. */
    static SignalRecorder listen(DBusConnection client, String interfaceName, String member) throws DBusException {
        return new SignalRecorder(client, interfaceName, member);
    }

    /** Waits for a recorded signal that meets {@code condition} and returns it. */
    Received await(String description, Predicate<Received> condition) {
        return Poll.until(
                member + " " + description,
                () -> received.stream().filter(condition).findFirst(),
                () -> "Received " + member + " signals: " + received);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void record(DBusSignal signal) {
        try {
            received.add(new Received(signal.getPath(), signal.getParameters()));
        } catch (DBusException e) {
            throw new IllegalStateException("Could not read the arguments of " + member, e);
        }
    }

    @Override
    public void close() throws Exception {
        registration.close();
    }

    /** One received signal: the path it was sent from and its arguments. */
    record Received(String path, Object[] arguments) {

        /** Returns the first argument as a string: the object path of a Secret Service signal. */
        String firstArgument() {
            return arguments.length == 0 ? "" : String.valueOf(arguments[0]);
        }

        /** Returns the changed values of a PropertiesChanged signal, unwrapped from their variants. */
        Map<String, Object> changedProperties() {
            Map<String, Object> values = new HashMap<>();
            if (arguments.length > 1 && arguments[1] instanceof Map<?, ?> changed) {
                changed.forEach((name, value) -> values.put(
                        String.valueOf(name), value instanceof Variant<?> variant ? variant.getValue() : value));
            }
            return values;
        }

        /** Returns the invalidated property names of a PropertiesChanged signal. */
        List<String> invalidatedProperties() {
            List<String> names = new ArrayList<>();
            if (arguments.length > 2 && arguments[2] instanceof List<?> invalidated) {
                invalidated.forEach(name -> names.add(String.valueOf(name)));
            }
            return names;
        }

        @Override
        public String toString() {
            return path + " " + Arrays.deepToString(arguments);
        }
    }
}
