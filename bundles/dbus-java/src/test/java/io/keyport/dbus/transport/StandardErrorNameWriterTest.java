package io.keyport.dbus.transport;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import org.freedesktop.dbus.errors.InvalidMethodArgument;
import org.freedesktop.dbus.errors.UnknownMethod;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MessageFactory;
import org.freedesktop.dbus.messages.MethodCall;
import org.junit.Test;

public class StandardErrorNameWriterTest {

    private final MessageFactory factory = new MessageFactory((byte) 'l');

    @Test
    public void unknownMethodGetsStandardName() throws Exception {
        MethodCall call = incomingCall();
        Message error = factory.createError(call, new UnknownMethod("The method does not exist"));

        Message renamed = StandardErrorNameWriter.standardName(error);

        assertEquals("org.freedesktop.DBus.Error.UnknownMethod", renamed.getName());
        assertEquals(error.getReplySerial(), renamed.getReplySerial());
        assertEquals(":1.7", renamed.getDestination());
        assertArrayEquals(new Object[] {"The method does not exist"}, renamed.getParameters());
    }

    @Test
    public void invalidMethodArgumentBecomesInvalidArgs() throws Exception {
        Message error = factory.createError(incomingCall(), new InvalidMethodArgument("one argument expected"));

        assertEquals(
                "org.freedesktop.DBus.Error.InvalidArgs",
                StandardErrorNameWriter.standardName(error).getName());
    }

    @Test
    public void keyportErrorsAndCallsUnchanged() throws Exception {
        Message keyportError = factory.createError(":1.7", "org.freedesktop.Secret.Error.IsLocked", 5, "s", "locked");
        MethodCall call = incomingCall();

        assertSame(keyportError, StandardErrorNameWriter.standardName(keyportError));
        assertSame(call, StandardErrorNameWriter.standardName(call));
    }

    /** Returns a call as Keyport receives it, from the unique name :1.7. */
    private MethodCall incomingCall() throws Exception {
        return factory.createMethodCall(
                ":1.7", "org.freedesktop.secrets", "/x", "org.example.I", "Label", (byte) 0, "s", "text");
    }
}
