package io.keyport.prompter.tty.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/** A test's side of the prompt socket: an agent or a keyport unlock client speaking the line protocol. */
final class TestClient implements AutoCloseable {

    private final SocketChannel channel;
    private final BufferedReader reader;

    private TestClient(SocketChannel channel) {
        this.channel = channel;
        this.reader =
                new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    }

    static TestClient connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        return new TestClient(channel);
    }

    /** Connects as an agent and waits for READY. */
    static TestClient agent(Path socket) throws IOException {
        TestClient client = connect(socket);
        client.send("HELLO 1 agent 4711 /dev/pts/9");
        client.expect("READY");
        return client;
    }

    /** Connects as a keyport unlock client and waits for READY. */
    static TestClient unlocker(Path socket) throws IOException {
        TestClient client = connect(socket);
        client.send("HELLO 1 unlock");
        client.expect("READY");
        return client;
    }

    void send(String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** Sends {@code prefix} followed by the base64 of {@code passphrase}. */
    void sendSecret(String prefix, String passphrase) throws IOException {
        send(prefix + " " + Base64.getEncoder().encodeToString(passphrase.getBytes(StandardCharsets.UTF_8)));
    }

    /** Returns the next line, or {@code null} when the daemon closed the connection. */
    String readLine() throws IOException {
        return reader.readLine();
    }

    /** Returns the fields of the next line, which must start with {@code command}. */
    List<String> expect(String command) throws IOException {
        String line = readLine();
        if (line == null || !line.split(" ")[0].equals(command)) {
            throw new AssertionError("Expected " + command + " but the daemon sent " + line);
        }
        return List.of(line.split(" ", -1));
    }

    /**
     * Sends a HELLO and returns whether the daemon closed the connection without a reply, which a reset while
     * sending also shows.
     */
    boolean isClosedByPeer() {
        try {
            send("HELLO 1 agent 4711 /dev/pts/9");
            return readLine() == null;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
