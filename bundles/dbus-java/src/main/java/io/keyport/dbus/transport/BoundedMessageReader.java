package io.keyport.dbus.transport;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.MessageProtocolVersionException;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MessageFactory;
import org.freedesktop.dbus.messages.MethodCall;
import org.freedesktop.dbus.messages.constants.Flags;
import org.freedesktop.dbus.messages.constants.MessageType;
import org.freedesktop.dbus.spi.message.IMessageReader;
import org.freedesktop.dbus.types.UInt64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads D-Bus messages from a socket and skips every message larger than a limit without keeping its bytes.
 *
 * <p>A session bus passes messages of up to 1,000,000,000 bytes by default, and a message is held in memory
 * several times over while it is decoded, so one large call could exhaust Keyport's heap and stop it for every
 * client. The log names a skipped message's size, type and serial. For a skipped method call that expects a reply,
 * this reader keeps only the header and hands dbus-java a small call to {@value #REJECT_MEMBER} on
 * {@value #REJECT_PATH} in its place, with the same sender and serial, so the object that Keyport exports there
 * replies to the sender with an error that names the size and the limit. Like dbus-java's own reader,
 * {@link #readMessage()} returns {@code null} while a message is incomplete.
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

    /** Object path of the call that replaces a skipped method call. Keyport's bus bundle exports it. */
    static final String REJECT_PATH = "/io/keyport/MessageLimit";

    /** Interface of that call. */
    static final String REJECT_INTERFACE = "io.keyport.MessageLimit";

    /** Member of that call, with the arguments {@code tt}: the skipped message's size and the limit. */
    static final String REJECT_MEMBER = "Reject";

    private static final Logger LOG = LoggerFactory.getLogger(BoundedMessageReader.class);
    private static final int FIXED_LENGTH = 12;

    /** Largest header field array that a skipped call's header is kept for; a larger one gets no reply. */
    private static final long MAX_KEPT_FIELDS = 64 * 1024;

    private final SocketChannel channel;
    private final long limit;
    private final ByteBuffer fixed = ByteBuffer.allocate(FIXED_LENGTH + 4);
    private final ByteBuffer skipBuffer = ByteBuffer.allocate(64 * 1024);
    private ByteBuffer fields;
    private ByteBuffer body;
    private long skipping;
    /** The header of the skipped method call being read, or {@code null}. */
    private ByteBuffer skippedFields;

    private long skippedSize;

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
            if (skipping > 0 || skippedFields != null) {
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
                                    + " bytes that {} sets",
                            total,
                            fixed.get(1),
                            Integer.toUnsignedLong(numbers.getInt(8)),
                            limit,
                            LIMIT_PROPERTY);
                    byte flags = fixed.get(2);
                    if (fixed.get(1) == MessageType.METHOD_CALL
                            && (flags & Flags.NO_REPLY_EXPECTED) == 0
                            && paddedFields <= MAX_KEPT_FIELDS) {
                        skippedFields = fieldsBuffer(paddedFields);
                        skippedSize = total;
                        skipping = bodyLength;
                    } else {
                        skipping = paddedFields + bodyLength;
                    }
                    return skip();
                }
                fields = fieldsBuffer(paddedFields);
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

    /**
     * Reads and drops the rest of a skipped message, then starts over with the next one. Returns the call that replaces
     * in for a skipped method call, once its header is read and its body dropped, else {@code null}.
     */
    private Message skip() throws IOException {
        if (skippedFields != null && !fill(skippedFields)) {
            return null;
        }
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
        Message standIn = skippedFields == null ? null : standIn(skippedFields.array(), skippedSize);
        skippedFields = null;
        reset();
        return standIn;
    }

    /**
     * Returns a call to {@value #REJECT_MEMBER} from the skipped call's sender, carrying its serial, so that the
     * reply reaches the sender as the reply to its own call; {@code null} when the header names no sender.
     */
    private Message standIn(byte[] skippedHeader, long size) {
        byte endian = fixed.get(0);
        try {
            byte[] headerOnly = Arrays.copyOf(fixed.array(), FIXED_LENGTH);
            Arrays.fill(headerOnly, 4, 8, (byte) 0);
            Message skipped =
                    MessageFactory.createMessage(MessageType.METHOD_CALL, headerOnly, skippedHeader, new byte[0], null);
            if (skipped.getSource() == null) {
                return null;
            }
            MethodCall call = new MessageFactory(endian)
                    .createMethodCall(
                            skipped.getSource(),
                            skipped.getDestination(),
                            REJECT_PATH,
                            REJECT_INTERFACE,
                            REJECT_MEMBER,
                            (byte) 0,
                            "tt",
                            new UInt64(size),
                            new UInt64(limit));
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            for (byte[] part : call.getWireData()) {
                if (part != null) {
                    wire.write(part);
                }
            }
            ByteBuffer whole = ByteBuffer.wrap(wire.toByteArray())
                    .order(endian == 'B' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            // The serial of the skipped call, so that dbus-java's error reply names it as the call it replies to.
            whole.putInt(8, fixed.duplicate().order(whole.order()).getInt(8));
            return parse(whole);
        } catch (DBusException | IOException | RuntimeException e) {
            LOG.warn("Could not answer a skipped D-Bus call: {}", e.toString());
            return null;
        }
    }

    /** Splits a whole message as dbus-java's factory takes it apart. */
    private static Message parse(ByteBuffer whole) throws DBusException, IOException {
        byte[] header = new byte[FIXED_LENGTH];
        whole.get(0, header);
        int fieldsLength = whole.getInt(FIXED_LENGTH);
        int paddedFields = (fieldsLength + 7) & ~7;
        byte[] fieldBytes = new byte[paddedFields + 8];
        whole.get(FIXED_LENGTH, fieldBytes, 0, 4);
        whole.get(FIXED_LENGTH + 4, fieldBytes, 8, paddedFields);
        byte[] bodyBytes = new byte[whole.getInt(4)];
        whole.get(FIXED_LENGTH + 4 + paddedFields, bodyBytes);
        return MessageFactory.createMessage(header[1], header, fieldBytes, bodyBytes, null);
    }

    /**
     * Returns a buffer for a header field array of {@code paddedFields} bytes, as dbus-java's factory takes it: the
     * array's length in the first 4 of 8 bytes, then the fields.
     */
    private ByteBuffer fieldsBuffer(long paddedFields) {
        ByteBuffer buffer = ByteBuffer.allocate((int) paddedFields + 8);
        buffer.put(fixed.array(), FIXED_LENGTH, 4);
        buffer.position(8);
        return buffer;
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
