package io.keyport.prompter.tty.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on {@code <runtime directory>/prompt} for {@code keyport prompt} agents and {@code keyport unlock}
 * clients, speaking {@link PromptWire}.
 *
 * <p>The socket is mode 0600 in a 0700 directory. On top of that, the peer credentials of every connection
 * ({@code SO_PEERCRED}) must name the allowed user, by default the owner of the socket file and so the user
 * Keyport runs as; any other peer is logged and closed without a reply.
 */
final class PromptAgentServer implements AutoCloseable {

    static final String SOCKET_NAME = "prompt";

    private static final Logger LOG = LoggerFactory.getLogger(PromptAgentServer.class);
    private static final long TAKEOVER_POLL_MILLIS = 1000;

    private final Path socket;
    private final QuestionQueue queue;
    private final CollectionRegistry collections;
    private final AtomicInteger agentNumbers = new AtomicInteger();
    private final Set<AgentConnection> agents = ConcurrentHashMap.newKeySet();
    private volatile UserPrincipal allowedUser;
    private volatile ServerSocketChannel server;
    private volatile Object socketFileKey;
    private volatile boolean closed;
    private Thread acceptor;

    /** @param allowedUser the only user who may connect; {@code null} for the owner of the socket file */
    PromptAgentServer(Path socket, QuestionQueue queue, CollectionRegistry collections, UserPrincipal allowedUser) {
        this.socket = socket;
        this.queue = queue;
        this.collections = collections;
        this.allowedUser = allowedUser;
    }

    /**
     * Binds the socket and starts accepting. When another Keyport still serves the socket, as while one started
     * with {@code --replace} takes over, this one binds it once that one has stopped.
     */
    void start() throws IOException {
        Path directory = socket.getParent();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(
                    directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        boolean socketInUse = Files.exists(socket) && isServed();
        if (socketInUse) {
            LOG.info("Another Keyport serves {}; this one takes the socket over when that one stops", socket);
        } else {
            bind();
        }
        acceptor = new Thread(() -> acceptLoop(socketInUse), "keyport-prompt-socket");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    Path socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        ServerSocketChannel open = server;
        if (open != null) {
            open.close();
        }
        if (acceptor != null) {
            acceptor.interrupt();
        }
        agents.forEach(AgentConnection::close);
        deleteOwnSocket();
        LOG.info("Prompt socket {} closed", socket);
    }

    private void bind() throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            socketFileKey =
                    Files.readAttributes(socket, BasicFileAttributes.class).fileKey();
            if (allowedUser == null) {
                allowedUser = Files.getOwner(socket);
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        server = channel;
        LOG.info("Prompt socket listening at {} for user {}", socket, allowedUser.getName());
    }

    private void acceptLoop(boolean waitForOtherKeyport) {
        if (waitForOtherKeyport && !bindWhenFree()) {
            return;
        }
        while (!closed) {
            try {
                SocketChannel client = server.accept();
                Thread handler = new Thread(() -> serve(client), "keyport-prompt-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("Could not accept a connection on {}: {}", socket, e.toString());
                sleep(100);
            }
        }
    }

    private boolean bindWhenFree() {
        while (!closed) {
            sleep(TAKEOVER_POLL_MILLIS);
            if (!closed && !isServed()) {
                try {
                    bind();
                    return true;
                } catch (IOException e) {
                    LOG.error("Could not bind the prompt socket {}; terminal prompts stay unavailable", socket, e);
                    return false;
                }
            }
        }
        return false;
    }

    private void serve(SocketChannel client) {
        try (LineChannel channel = new LineChannel(client, PromptWire.MAX_LINE_BYTES)) {
            String peer = checkPeer(client);
            if (peer == null) {
                return;
            }
            byte[] hello = channel.readLine();
            if (hello == null) {
                return;
            }
            List<String> fields = PromptWire.fields(hello);
            if (fields.size() < 3 || !fields.get(0).equals(PromptWire.HELLO)) {
                reject(channel, "The first line must be HELLO " + PromptWire.VERSION + " agent|unlock");
            } else if (!fields.get(1).equals(Integer.toString(PromptWire.VERSION))) {
                reject(
                        channel,
                        "This Keyport speaks prompt protocol version " + PromptWire.VERSION
                                + "; run the keyport command of the same installation");
            } else if (fields.get(2).equals(PromptWire.ROLE_AGENT)) {
                serveAgent(channel, fields, peer);
            } else if (fields.get(2).equals(PromptWire.ROLE_UNLOCK)) {
                channel.writeLine(PromptWire.READY);
                new UnlockSession(channel, collections, "user " + peer).serve();
            } else {
                reject(channel, "Unknown role; HELLO takes agent or unlock");
            }
        } catch (IOException | PromptWire.MalformedLineException e) {
            LOG.info("A connection on {} ended with an error: {}", socket, e.getMessage());
        }
    }

    private void serveAgent(LineChannel channel, List<String> hello, String peer) throws IOException {
        String pid = hello.size() > 3 ? TerminalText.safe(PromptWire.decodeText(hello.get(3)), 20) : "unknown";
        String tty = hello.size() > 4 ? TerminalText.safe(PromptWire.decodeText(hello.get(4)), 60) : "unknown";
        String name =
                "agent " + agentNumbers.incrementAndGet() + " (user " + peer + ", pid " + pid + " on " + tty + ")";
        AgentConnection agent = new AgentConnection(channel, queue, name);
        agents.add(agent);
        try {
            if (!closed) {
                agent.serve();
            }
        } finally {
            agents.remove(agent);
        }
    }

    /** Returns the peer's user name, or {@code null} after rejecting a peer of another user. */
    private String checkPeer(SocketChannel client) {
        UnixDomainPrincipal principal;
        try {
            principal = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("Rejected a connection on {}: its peer credentials cannot be read ({})", socket, e.toString());
            return null;
        }
        if (!Objects.equals(principal.user(), allowedUser)) {
            LOG.warn(
                    "Rejected a connection on {} from user {}: only user {} may use it",
                    socket,
                    principal.user().getName(),
                    allowedUser.getName());
            return null;
        }
        return principal.user().getName();
    }

    private void reject(LineChannel channel, String reason) throws IOException {
        LOG.warn("Closed a connection on {}: {}", socket, reason);
        channel.writeLine(PromptWire.ERROR + " " + PromptWire.text(reason));
    }

    private boolean isServed() {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes the socket file unless another Keyport has replaced it with its own since. */
    private void deleteOwnSocket() {
        if (socketFileKey == null) {
            return;
        }
        try {
            Object current =
                    Files.readAttributes(socket, BasicFileAttributes.class).fileKey();
            if (socketFileKey.equals(current)) {
                Files.deleteIfExists(socket);
            }
        } catch (IOException e) {
            LOG.debug("Prompt socket {} was already gone: {}", socket, e.toString());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
