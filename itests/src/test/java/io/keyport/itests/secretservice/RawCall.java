package io.keyport.itests.secretservice;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.messages.Error;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MethodCall;

/**
 * A method call sent with an explicit signature, and its reply message.
 *
 * <p>The tests check D-Bus error names through this class, because dbus-java 5.1 proxies turn an error
 * whose name has no matching Java class into a plain {@code DBusExecutionException} without the name.
 *
 * @param errorName the error's name, or {@code null} for a method return
 * @param values the reply's arguments: the method's out-arguments, or the error's message
 */
record RawCall(String errorName, Object[] values) {

    private static final String DESTINATION = "org.freedesktop.secrets";
    private static final long TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(20);

    /** Calls {@code interfaceName.member} on {@code path} and waits for the reply. */
    static RawCall call(
            DBusConnection client,
            String path,
            String interfaceName,
            String member,
            String signature,
            Object... arguments) {
        try {
            MethodCall call = client.getMessageFactory()
                    .createMethodCall(
                            DESTINATION,
                            path,
                            interfaceName,
                            member,
                            (byte) 0,
                            signature.isEmpty() ? null : signature,
                            arguments);
            client.sendMessage(call);
            Message reply = call.getReply(TIMEOUT_MILLIS);
            if (reply == null) {
                throw new AssertionError("No reply to " + interfaceName + "." + member + " on " + path + " within "
                        + TIMEOUT_MILLIS + " ms");
            }
            Object[] values = reply.getParameters();
            return new RawCall(
                    reply instanceof Error ? reply.getName() : null, values == null ? new Object[0] : values);
        } catch (DBusException e) {
            throw new IllegalStateException("Could not call " + interfaceName + "." + member + " on " + path, e);
        }
    }

    boolean failed() {
        return errorName != null;
    }

    /** Returns the error message, or an empty string for a method return. */
    String errorMessage() {
        return failed() && values.length > 0 ? String.valueOf(values[0]) : "";
    }

    /** Describes the reply for an assertion message. */
    String describe() {
        return failed() ? "error " + errorName + ": " + errorMessage() : "reply " + Arrays.deepToString(values);
    }
}
