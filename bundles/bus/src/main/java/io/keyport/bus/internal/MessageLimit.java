package io.keyport.bus.internal;

import org.freedesktop.DBus.Error.LimitsExceeded;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt64;

/**
 * The object that replies to method calls too large to read. Keyport's message reader skips such a call and passes
 * dbus-java a call to {@code Reject} at {@value #PATH} in its place, with the sender and serial of the skipped one,
 * so the sender gets this error as the reply to its own call.
 */
@DBusInterfaceName("io.keyport.MessageLimit")
public interface MessageLimit extends DBusInterface {

    /** The path that Keyport's message reader addresses; it must match the reader's. */
    String PATH = "/io/keyport/MessageLimit";

    /**
     * Raises {@code LimitsExceeded}.
     *
     * @param size the size of the skipped call in bytes
     * @param limit the limit in bytes
     */
    void Reject(UInt64 size, UInt64 limit);

    /** The exported implementation. */
    final class Rejecter implements MessageLimit {

        @Override
        public void Reject(UInt64 size, UInt64 limit) {
            throw new LimitsExceeded("The call was " + size + " bytes long, more than Keyport's limit of " + limit
                    + " bytes per D-Bus message (keyport.bus.max.message.bytes), so Keyport did not read it."
                    + " Send less, such as a shorter label or fewer attributes");
        }

        @Override
        public String getObjectPath() {
            return PATH;
        }
    }
}
