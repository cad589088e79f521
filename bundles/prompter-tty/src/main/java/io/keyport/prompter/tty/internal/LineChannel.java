package io.keyport.prompter.tty.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes LF-terminated lines on a blocking socket channel. One thread may read while another writes.
 *
 * <p>Lines can carry a passphrase, so both directions go through direct buffers that this class owns and fills
 * with zeros after each line. A heap buffer would make the JDK copy the bytes into a per-thread temporary direct
 * buffer, which it reuses without wiping.
 */
final class LineChannel implements AutoCloseable {

    private final SocketChannel channel;
    private final int maxLineBytes;
    private final ByteBuffer input;
    private final ByteBuffer output;

    LineChannel(SocketChannel channel, int maxLineBytes) {
        this.channel = channel;
        this.maxLineBytes = maxLineBytes;
        this.input = ByteBuffer.allocateDirect(maxLineBytes + 1);
        this.output = ByteBuffer.allocateDirect(maxLineBytes + 1);
    }

    /**
     * Returns the next line without its LF, or {@code null} at the end of the stream; an unfinished last line is
     * dropped. The caller owns the array and wipes it when the line may hold a secret.
     *
     * @throws LineTooLongException if a line exceeds the maximum length
     */
    byte[] readLine() throws IOException {
        synchronized (input) {
            int scanned = 0;
            while (true) {
                for (int i = scanned; i < input.position(); i++) {
                    if (input.get(i) == '\n') {
                        return takeLine(i);
                    }
                }
                scanned = input.position();
                if (!input.hasRemaining()) {
                    wipe(input);
                    throw new LineTooLongException(maxLineBytes);
                }
                if (channel.read(input) < 0) {
                    wipe(input);
                    return null;
                }
            }
        }
    }

    /** Writes a line that contains no secret. */
    void writeLine(String line) throws IOException {
        writeLine(line.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code line} followed by LF. The caller keeps and wipes {@code line}. */
    void writeLine(byte[] line) throws IOException {
        if (line.length > maxLineBytes) {
            throw new LineTooLongException(maxLineBytes);
        }
        synchronized (output) {
            try {
                output.clear();
                output.put(line).put((byte) '\n').flip();
                while (output.hasRemaining()) {
                    channel.write(output);
                }
            } finally {
                wipe(output);
            }
        }
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
        synchronized (input) {
            wipe(input);
        }
    }

    private byte[] takeLine(int newline) {
        byte[] line = new byte[newline];
        input.flip();
        input.get(line);
        input.get();
        input.compact();
        for (int i = input.position(); i < input.capacity(); i++) {
            input.put(i, (byte) 0);
        }
        return line;
    }

    private static void wipe(ByteBuffer buffer) {
        buffer.clear();
        while (buffer.hasRemaining()) {
            buffer.put((byte) 0);
        }
        buffer.clear();
    }

    /** A peer sent a line longer than the protocol allows; the connection is then closed. */
    static final class LineTooLongException extends IOException {

        private static final long serialVersionUID = 1L;

        LineTooLongException(int maxLineBytes) {
            super("A line on the prompt socket exceeds " + maxLineBytes + " bytes");
        }
    }
}
