package io.keyport.dbus.transport;

import java.nio.channels.SocketChannel;
import org.freedesktop.dbus.spi.message.IMessageReader;
import org.freedesktop.dbus.spi.message.IMessageWriter;
import org.freedesktop.dbus.spi.message.ISocketProvider;
import org.freedesktop.dbus.spi.message.OutputStreamMessageWriter;

/**
 * Gives every dbus-java connection in Keyport a {@link BoundedMessageReader}, so that no single message can
 * exhaust the heap, and a {@link StandardErrorNameWriter}, so that dbus-java's own errors carry standard names.
 * dbus-java finds this class through {@code META-INF/services}. It passes no file descriptors, like the transport
 * that {@link NoDescriptorJnrTransportProvider} sets up.
 */
public class BoundedSocketProvider implements ISocketProvider {

    private static final long LIMIT = BoundedMessageReader.configuredLimit();

    @Override
    public IMessageReader createReader(SocketChannel socket) {
        return new BoundedMessageReader(socket, LIMIT);
    }

    @Override
    public IMessageWriter createWriter(SocketChannel socket) {
        return new StandardErrorNameWriter(new OutputStreamMessageWriter(socket));
    }

    @Override
    public void setFileDescriptorSupport(boolean support) {
        // Descriptors are never passed: see NoDescriptorJnrTransportProvider.
    }

    @Override
    public boolean isFileDescriptorPassingSupported() {
        return false;
    }
}
