package io.keyport.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The client side of Keyport's prompt socket, {@code <runtime directory>/prompt}: one line per message, fields
 * separated by one space, text fields percent-encoded and passphrases in base64. {@code docs/prompt-protocol.md}
 * describes the protocol, and the terminal prompter bundle serves it.
 */
final class PromptConnection implements AutoCloseable {

    static final String SOCKET_NAME = "prompt";
    static final int VERSION = 1;
    static final int MAX_LINE_BYTES = 8192;

    private static final String EMPTY = "-";
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final SocketChannel channel;
    private final ByteBuffer input = ByteBuffer.allocate(MAX_LINE_BYTES + 1);
    // Outgoing lines can contain a passphrase. A direct buffer that this class wipes keeps the JDK from copying
    // them into a cached temporary buffer of its own.
    private final ByteBuffer output = ByteBuffer.allocateDirect(MAX_LINE_BYTES + 1);

    private PromptConnection(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * Connects, sends {@code HELLO 1 ROLE...} and waits for {@code READY}.
     *
     * @param hello the role and its fields, such as {@code agent 4711 /dev/pts/3}, already encoded
     * @throws NotRunningException if no Keyport listens on {@code socket}
     * @throws IOException if the connection fails, or Keyport replies with an error
     */
    static PromptConnection open(Path socket, String hello) throws IOException {
        if (!Files.exists(socket)) {
            throw new NotRunningException("no prompt socket at " + socket);
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw new NotRunningException(socket + " does not accept connections (" + e.getMessage() + ")");
        }
        PromptConnection connection = new PromptConnection(channel);
        try {
            connection.writeLine("HELLO " + VERSION + " " + hello);
            List<String> reply = connection.readFields();
            if (reply == null) {
                throw new IOException("Keyport closed the prompt socket connection without a reply");
            }
            if (!reply.get(0).equals("READY")) {
                throw new IOException("Keyport rejected the connection: " + errorText(reply));
            }
            return connection;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Returns the fields of the next line, text fields still encoded, or {@code null} at the end of the stream. */
    List<String> readFields() throws IOException {
        int scanned = 0;
        while (true) {
            for (int i = scanned; i < input.position(); i++) {
                if (input.get(i) == '\n') {
                    byte[] line = new byte[i];
                    input.flip();
                    input.get(line).get();
                    input.compact();
                    return List.of(new String(line, StandardCharsets.UTF_8).split(" ", -1));
                }
            }
            scanned = input.position();
            if (!input.hasRemaining()) {
                throw new IOException("Keyport sent a line longer than " + MAX_LINE_BYTES + " bytes");
            }
            if (channel.read(input) < 0) {
                return null;
            }
        }
    }

    void writeLine(String line) throws IOException {
        writeLine(line.getBytes(StandardCharsets.UTF_8), null);
    }

    /** Writes {@code prefix}, a space and the base64 of {@code secret}. The caller wipes {@code secret}. */
    void writeSecretLine(String prefix, byte[] secret) throws IOException {
        byte[] encoded = Base64.getEncoder().encode(secret);
        try {
            writeLine((prefix + " ").getBytes(StandardCharsets.UTF_8), encoded);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Encodes a text field: {@code %XX} for '%', space, DEL and control bytes, and {@code -} for empty. */
    static String text(String value) {
        if (value.isEmpty()) {
            return EMPTY;
        }
        if (value.equals(EMPTY)) {
            return "%2D";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int unsigned = b & 0xff;
            if (unsigned < 0x20 || unsigned == 0x7f || unsigned == ' ' || unsigned == '%') {
                out.write('%');
                out.write(HEX[unsigned >> 4]);
                out.write(HEX[unsigned & 0xf]);
            } else {
                out.write(unsigned);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Decodes a text field.
     *
     * @throws IOException if a {@code %} is not followed by two hexadecimal digits
     */
    static String decodeText(String field) throws IOException {
        if (field.equals(EMPTY)) {
            return "";
        }
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '%') {
                out.write(bytes[i]);
                continue;
            }
            int high = i + 2 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
            int low = i + 2 < bytes.length ? Character.digit(bytes[i + 2], 16) : -1;
            if (high < 0 || low < 0) {
                throw new IOException("Keyport sent a text field with an invalid % escape");
            }
            out.write(high << 4 | low);
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Returns the decoded text of an {@code ERROR TEXT} or {@code FAILED TEXT} reply. */
    static String errorText(List<String> fields) {
        try {
            return fields.size() > 1 ? decodeText(fields.get(1)) : String.join(" ", fields);
        } catch (IOException e) {
            return String.join(" ", fields);
        }
    }

    private void writeLine(byte[] head, byte[] tail) throws IOException {
        int length = head.length + (tail == null ? 0 : tail.length);
        if (length > MAX_LINE_BYTES) {
            throw new IOException("The line exceeds the prompt protocol's " + MAX_LINE_BYTES + " bytes");
        }
        synchronized (output) {
            try {
                output.clear();
                output.put(head);
                if (tail != null) {
                    output.put(tail);
                }
                output.put((byte) '\n').flip();
                while (output.hasRemaining()) {
                    channel.write(output);
                }
            } finally {
                output.clear();
                while (output.hasRemaining()) {
                    output.put((byte) 0);
                }
            }
        }
    }

    /** No Keyport listens on the prompt socket. The message names what was found there. */
    static final class NotRunningException extends IOException {

        private static final long serialVersionUID = 1L;

        NotRunningException(String message) {
            super(message);
        }
    }
}
