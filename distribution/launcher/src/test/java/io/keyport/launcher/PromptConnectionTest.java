package io.keyport.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

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
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PromptConnectionTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void textRoundTrips() throws Exception {
        for (String value : List.of("", "-", "Login", "a b", "100%", "two\nlines", "Ünïcödé", "\u001b[31m")) {
            assertEquals(value, PromptConnection.decodeText(PromptConnection.text(value)));
        }
    }

    @Test
    public void textMatchesProtocolExample() {
        assertEquals(":1.42%20(pid%204711)", PromptConnection.text(":1.42 (pid 4711)"));
        assertEquals("a%20b%0A%25", PromptConnection.text("a b\n%"));
        assertEquals("-", PromptConnection.text(""));
        assertEquals("%2D", PromptConnection.text("-"));
    }

    @Test
    public void brokenEscapeRejected() {
        assertThrows(IOException.class, () -> PromptConnection.decodeText("a%4"));
    }

    @Test
    public void missingSocketMeansNotRunning() {
        Path socket = folder.getRoot().toPath().resolve("prompt");

        assertThrows(PromptConnection.NotRunningException.class, () -> PromptConnection.open(socket, "unlock"));
    }

    @Test
    public void staleSocketMeansNotRunning() throws Exception {
        Path socket = folder.getRoot().toPath().resolve("prompt");
        ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                .bind(UnixDomainSocketAddress.of(socket))
                .close();

        assertThrows(PromptConnection.NotRunningException.class, () -> PromptConnection.open(socket, "unlock"));
    }

    @Test
    public void helloAndSecretLineOnWire() throws Exception {
        Path socket = folder.getRoot().toPath().resolve("prompt");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            CompletableFuture<List<String>> received = CompletableFuture.supplyAsync(() -> serveOnce(server));

            try (PromptConnection connection = PromptConnection.open(socket, "unlock")) {
                connection.writeSecretLine("UNLOCK login", "pass phrase".getBytes(StandardCharsets.UTF_8));
            }

            List<String> lines = received.get(10, TimeUnit.SECONDS);
            assertEquals("HELLO 1 unlock", lines.get(0));
            assertEquals(
                    "UNLOCK login "
                            + Base64.getEncoder().encodeToString("pass phrase".getBytes(StandardCharsets.UTF_8)),
                    lines.get(1));
        }
    }

    @Test
    public void errorReplyRejectsConnection() throws Exception {
        Path socket = folder.getRoot().toPath().resolve("prompt");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            CompletableFuture.runAsync(() -> reply(server, "ERROR Unknown%20role\n"));

            IOException e = assertThrows(IOException.class, () -> PromptConnection.open(socket, "nonsense"));

            assertEquals("Keyport rejected the connection: Unknown role", e.getMessage());
        }
    }

    /** Accepts one client, replies READY to its HELLO, and returns the two lines it sent. */
    private static List<String> serveOnce(ServerSocketChannel server) {
        try (SocketChannel client = server.accept()) {
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
            String hello = reader.readLine();
            client.write(ByteBuffer.wrap("READY\n".getBytes(StandardCharsets.UTF_8)));
            return List.of(hello, reader.readLine());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Accepts one client, reads its HELLO and replies with {@code line}. */
    private static void reply(ServerSocketChannel server, String line) {
        try (SocketChannel client = server.accept()) {
            new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8))
                    .readLine();
            client.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
