package io.keyport.dbus.transport;

import java.io.IOException;
import java.util.Map;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.messages.Error;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MessageFactory;
import org.freedesktop.dbus.spi.message.IMessageWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes messages, giving dbus-java's own errors their standard D-Bus names. dbus-java names an error reply after
 * the Java class of its exception, so an unknown method, a call with the wrong signature or a path that no object
 * serves would reach clients as {@code org.freedesktop.dbus.errors.UnknownMethod} and the like, which clients that
 * compare error names do not recognise. This writer sends those as {@code org.freedesktop.DBus.Error.UnknownMethod}
 * and the like instead. dbus-java maps the standard names back to its classes when it reads them.
 */
final class StandardErrorNameWriter implements IMessageWriter {

    private static final Logger LOG = LoggerFactory.getLogger(StandardErrorNameWriter.class);

    private static final String JAVA_PREFIX = "org.freedesktop.dbus.errors.";
    private static final String STANDARD_PREFIX = "org.freedesktop.DBus.Error.";

    /** dbus-java's class names whose standard error name differs from the class's simple name. */
    private static final Map<String, String> RENAMED = Map.of("InvalidMethodArgument", "InvalidArgs");

    private final IMessageWriter delegate;

    StandardErrorNameWriter(IMessageWriter delegate) {
        this.delegate = delegate;
    }

    @Override
    public void writeMessage(Message message) throws IOException {
        delegate.writeMessage(standardName(message));
    }

    /** Returns {@code message}, or a copy under the standard name when it is one of dbus-java's own errors. */
    static Message standardName(Message message) {
        if (!(message instanceof Error)
                || message.getName() == null
                || !message.getName().startsWith(JAVA_PREFIX)) {
            return message;
        }
        String simpleName = message.getName().substring(JAVA_PREFIX.length());
        String standard = STANDARD_PREFIX + RENAMED.getOrDefault(simpleName, simpleName);
        try {
            return new MessageFactory(message.getEndianess())
                    .createError(
                            message.getDestination(),
                            standard,
                            message.getReplySerial(),
                            message.getSig(),
                            message.getParameters());
        } catch (DBusException e) {
            LOG.debug("Sent {} under dbus-java's name, because it could not be copied: {}", standard, e.toString());
            return message;
        }
    }

    @Override
    public boolean isClosed() {
        return delegate.isClosed();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
