package io.keyport.control.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the {@code keyport} command's requests on {@code <runtime directory>/control}.
 *
 * <p>The socket is mode 0600 in a 0700 directory, so only the user who runs Keyport can connect. A
 * request is one line naming a command; the reply is text, and the server then closes the connection.
 */
@Component(immediate = true, configurationPolicy = ConfigurationPolicy.IGNORE)
public final class ControlSocketServer {

    static final String SOCKET_NAME = "control";

    private static final Logger LOG = LoggerFactory.getLogger(ControlSocketServer.class);

    private final StatusReport report;
    private final Path socket;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private final Object socketKey;

    @Activate
    public ControlSocketServer(
            BundleContext context,
            @Reference ServiceComponentRuntime runtime,
            @Reference(target = "(keyport.bus.name.owned=true)") DBusConnection ownedName)
            throws IOException {
        this.report = new StatusReport(context, runtime);
        this.socket = Path.of(context.getProperty("keyport.runtime.dir"), SOCKET_NAME);
        awaitPreviousOwner(socket);
        Files.deleteIfExists(socket);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        this.socketKey = Files.readAttributes(socket, BasicFileAttributes.class).fileKey();
        this.acceptor = new Thread(this::acceptLoop, "keyport-control");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("Control socket listening at {}", socket);
    }

    @Deactivate
    void deactivate() throws IOException {
        server.close();
        acceptor.interrupt();
        // A Keyport that took over may have bound a socket of its own at this path since; that one stays.
        if (Files.exists(socket)
                && Objects.equals(
                        Files.readAttributes(socket, BasicFileAttributes.class).fileKey(), socketKey)) {
            Files.delete(socket);
        }
        LOG.info("Control socket closed");
    }

    /**
     * Waits for a Keyport that still accepts connections on the socket to go away. This component starts only once the
     * bus name is owned, so such a Keyport has just lost the name to this one (--replace) and is stopping.
     */
    private static void awaitPreviousOwner(Path socket) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (answers(socket)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("Another Keyport still accepts connections on " + socket
                        + " after 10 seconds; this one" + " leaves it alone");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for " + socket + " to be released", e);
            }
        }
    }

    private static boolean answers(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                // One thread per request, so a client that connects and sends nothing blocks no one else.
                Thread handler = new Thread(() -> serveAndClose(client), "keyport-control-request");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("Could not accept a control connection: {}", e.toString());
                }
            }
        }
    }

    private void serveAndClose(SocketChannel client) {
        try (client) {
            serve(client);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Control request failed: {}", e.toString());
        }
    }

    private void serve(SocketChannel client) throws IOException {
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
        String command = reader.readLine();
        String reply;
        if ("status".equals(command)) {
            reply = report.render();
        } else {
            reply = "Unknown control command. This daemon serves: status\n";
            LOG.warn("Rejected an unknown control command");
        }
        client.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8)));
    }
}
