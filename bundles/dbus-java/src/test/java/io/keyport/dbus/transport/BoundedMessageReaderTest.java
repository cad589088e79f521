package io.keyport.dbus.transport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MessageFactory;
import org.freedesktop.dbus.messages.MethodCall;
import org.freedesktop.dbus.types.UInt64;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BoundedMessageReaderTest {

    private static final long LIMIT = 64 * 1024;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private SocketChannel writer;
    private BoundedMessageReader reader;

    @Before
    public void connect() throws Exception {
        Path socket = folder.getRoot().toPath().resolve("socket");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            writer = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            reader = new BoundedMessageReader(server.accept(), LIMIT);
        }
    }

    @After
    public void close() throws Exception {
        writer.close();
        reader.close();
    }

    @Test
    public void messageWithinLimitIsRead() throws Exception {
        send(call("small", 100), call("other", 10));

        Message first = reader.readMessage();
        Message second = reader.readMessage();

        assertEquals("Label", ((MethodCall) first).getName());
        assertEquals("small".repeat(100), first.getParameters()[0]);
        assertEquals("other".repeat(10), second.getParameters()[0]);
    }

    @Test
    public void oversizedCallIsReplacedByRejection() throws Exception {
        MethodCall oversized = call("x", (int) LIMIT);
        send(oversized, call("after", 2));

        Message standIn = reader.readMessage();
        Message next = reader.readMessage();

        assertEquals(BoundedMessageReader.REJECT_PATH, standIn.getPath());
        assertEquals(BoundedMessageReader.REJECT_INTERFACE, standIn.getInterface());
        assertEquals(BoundedMessageReader.REJECT_MEMBER, standIn.getName());
        assertEquals(":1.7", standIn.getSource());
        assertEquals(oversized.getSerial(), standIn.getSerial());
        Object[] sizes = standIn.getParameters();
        assertTrue(((UInt64) sizes[0]).longValue() > LIMIT);
        assertEquals(LIMIT, ((UInt64) sizes[1]).longValue());
        assertEquals("afterafter", next.getParameters()[0]);
    }

    @Test
    public void oversizedSignalIsDropped() throws Exception {
        send(
                new MessageFactory((byte) 'l')
                        .createSignal(":1.7", "/x", "org.example.I", "Changed", "s", "x".repeat((int) LIMIT)),
                call("after", 1));

        assertNull(reader.readMessage());
        assertEquals("after", reader.readMessage().getParameters()[0]);
    }

    @Test
    public void bigEndianMessageIsRead() throws Exception {
        send(new MessageFactory((byte) 'B')
                .createMethodCall(
                        ":1.7", "org.freedesktop.secrets", "/x", "org.example.I", "Label", (byte) 0, "s", "big"));

        assertEquals("big", reader.readMessage().getParameters()[0]);
    }

    private static MethodCall call(String text, int times) throws Exception {
        return new MessageFactory((byte) 'l')
                .createMethodCall(
                        ":1.7",
                        "org.freedesktop.secrets",
                        "/x",
                        "org.example.I",
                        "Label",
                        (byte) 0,
                        "s",
                        text.repeat(times));
    }

    private void send(Message... messages) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Message message : messages) {
            for (byte[] part : message.getWireData()) {
                if (part != null) {
                    bytes.write(part);
                }
            }
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
        Thread sender = new Thread(() -> {
            try {
                while (buffer.hasRemaining()) {
                    writer.write(buffer);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        sender.start();
    }
}
