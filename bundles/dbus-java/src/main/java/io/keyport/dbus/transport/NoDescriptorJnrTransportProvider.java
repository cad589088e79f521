package io.keyport.dbus.transport;

import org.freedesktop.dbus.connections.BusAddress;
import org.freedesktop.dbus.connections.config.TransportConfig;
import org.freedesktop.dbus.connections.transports.AbstractTransport;
import org.freedesktop.dbus.exceptions.TransportConfigurationException;
import org.freedesktop.dbus.transport.jnr.JnrUnixSocketTransportProvider;

/**
 * The jnr-unixsocket transport with Unix file-descriptor passing switched off.
 *
 * <p>The jnr transport of dbus-java 5.1 offers {@code NEGOTIATE_UNIX_FD} during authentication but
 * has no reader for descriptors: one incoming message with an {@code h} argument ends the connection's
 * reader thread, and the daemon stops answering everyone. Without the negotiation, the bus daemon
 * refuses such messages before they reach Keyport.
 */
public class NoDescriptorJnrTransportProvider extends JnrUnixSocketTransportProvider {

    @Override
    public String getTransportName() {
        return "keyport-jnr-unixsocket";
    }

    @Override
    public AbstractTransport createTransport(BusAddress address, TransportConfig config)
            throws TransportConfigurationException {
        AbstractTransport transport = super.createTransport(address, config);
        // The transport constructor turns descriptor support on in this shared configuration, and the
        // SASL exchange reads it only later, at connect time.
        config.getSaslConfig().setFileDescriptorSupport(false);
        return transport;
    }
}
