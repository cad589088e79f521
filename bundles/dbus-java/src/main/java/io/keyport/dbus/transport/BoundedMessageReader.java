package io.keyport.dbus.transport;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.MessageProtocolVersionException;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MessageFactory;
import org.freedesktop.dbus.spi.message.IMessageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads D-Bus messages from a socket and skips every message larger than a limit without keeping its bytes.
 *
 * <p>A session bus passes messages of up to 1,000,000,000 bytes by default, and a message is held in memory
 * several times over while it is decoded, so one large call could exhaust Keyport's heap and stop it for every
 * client. A skipped message gets no reply, so its sender gets a timeout, and the log names its size, type and
 * serial. Like dbus-java's own reader, {@link #readMessage()} returns {@code null} while a message is incomplete.
 *
 * <p>Layout read here, from the D-Bus specification: 12 bytes of fixed header (endianness {@code l} or {@code B},
 * type, flags, protocol version, body length, serial), the header field array (its length as 4 bytes, then its
 * contents, padded to a multiple of 8), then the body.
 */
final class BoundedMessageReader implements IMessageReader {

    /** System property that sets the limit in bytes. */
    static final String LIMIT_PROPERTY = "keyport.bus.max.message.bytes";

    /** The default limit: 16 MiB, twice the private bus's own message limit. */
    static final long DEFAULT_LIMIT = 16L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(BoundedMessageReader.class);
    private static final int FIXED_LENGTH = 12;

    private final SocketChannel channel;
    private final long limit;
    private final ByteBuffer fixed = ByteBuffer.allocate(FIXED_LENGTH + 4);
    private final ByteBuffer skipBuffer = ByteBuffer.allocate(64 * 1024);
    private ByteBuffer fields;
    private ByteBuffer body;
    private long skipping;

    BoundedMessageReader(SocketChannel channel, long limit) {
        this.channel = channel;
        this.limit = limit;
    }

    /** Returns the limit that {@value #LIMIT_PROPERTY} sets, or {@link #DEFAULT_LIMIT} when it is unset or invalid. */
    static long configuredLimit() {
        String value = System.getProperty(LIMIT_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= 4096) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below, as for a number that is too small.
        }
        LOG.warn(
                "Invalid {}={}: write a whole number of bytes of at least 4096. Using {} bytes",
                LIMIT_PROPERTY,
                value,
                DEFAULT_LIMIT);
        return DEFAULT_LIMIT;
    }

    @Override
    public Message readMessage() throws IOException, DBusException {
        try {
            if (skipping > 0) {
                return skip();
            }
            if (!fill(fixed)) {
                return null;
            }
            ByteOrder order = fixed.get(0) == 'B' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            if (fixed.get(3) > Message.PROTOCOL) {
                throw new MessageProtocolVersionException("Protocol version " + fixed.get(3) + " is unsupported");
            }
            ByteBuffer numbers = fixed.duplicate().order(order);
            long bodyLength = Integer.toUnsignedLong(numbers.getInt(4));
            long fieldsLength = Integer.toUnsignedLong(numbers.getInt(FIXED_LENGTH));
            long paddedFields = (fieldsLength + 7) & ~7L;
            if (fields == null) {
                long total = FIXED_LENGTH + 4 + paddedFields + bodyLength;
                if (total > limit) {
                    LOG.warn(
                            "Skipped a D-Bus message of {} bytes (type {}, serial {}): larger than the limit of {}"
                                    + " bytes that {} sets. Its sender gets no reply",
                            total,
                            fixed.get(1),
                            Integer.toUnsignedLong(numbers.getInt(8)),
                            limit,
                            LIMIT_PROPERTY);
                    skipping = paddedFields + bodyLength;
                    return skip();
                }
                // dbus-java expects the field array's length in the first 4 of 8 bytes before the fields.
                fields = ByteBuffer.allocate((int) paddedFields + 8);
                fields.put(fixed.array(), FIXED_LENGTH, 4);
                fields.position(8);
                body = ByteBuffer.allocate((int) bodyLength);
            }
            if (!fill(fields) || !fill(body)) {
                return null;
            }
            byte[] header = new byte[FIXED_LENGTH];
            System.arraycopy(fixed.array(), 0, header, 0, FIXED_LENGTH);
            byte type = header[1];
            byte[] fieldBytes = fields.array();
            byte[] bodyBytes = body.array();
            reset();
            return MessageFactory.createMessage(type, header, fieldBytes, bodyBytes, null);
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /** Reads and drops the rest of a skipped message, then starts over with the next one. */
    private Message skip() throws IOException {
        while (skipping > 0) {
            skipBuffer.clear();
            skipBuffer.limit((int) Math.min(skipBuffer.capacity(), skipping));
            int read = channel.read(skipBuffer);
            if (read < 0) {
                throw new EOFException("The bus closed the connection inside a skipped message");
            }
            if (read == 0) {
                return null;
            }
            skipping -= read;
        }
        reset();
        return null;
    }

    /** Reads into {@code buffer} until it is full; returns whether it is. */
    private boolean fill(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer);
            if (read < 0) {
                throw new EOFException("The bus closed the connection");
            }
            if (read == 0) {
                return false;
            }
        }
        return true;
    }

    private void reset() {
        fixed.clear();
        fields = null;
        body = null;
    }

    @Override
    public boolean isClosed() {
        return !channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
