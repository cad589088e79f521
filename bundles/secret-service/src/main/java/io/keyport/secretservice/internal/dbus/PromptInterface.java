package io.keyport.secretservice.internal.dbus;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;

/** {@code org.freedesktop.Secret.Prompt}. */
@DBusInterfaceName("org.freedesktop.Secret.Prompt")
@SuppressWarnings("checkstyle:methodname")
public interface PromptInterface extends DBusInterface {

    void Prompt(String windowId);

    void Dismiss();

    /** The prompt finished; {@code result} depends on the operation that returned the prompt. */
    class Completed extends DBusSignal {
        public Completed(String path, boolean dismissed, Variant<?> result) throws DBusException {
            super(path, dismissed, result);
        }
    }
}
