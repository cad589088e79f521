package io.keyport.prompter.tty.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The line protocol on the prompt socket, version {@value #VERSION}; {@code docs/prompt-protocol.md} describes
 * it in full, and the launcher's {@code PromptWire} implements the client side.
 *
 * <p>Each message is one line of at most {@value #MAX_LINE_BYTES} bytes ending in LF. Fields are separated by
 * one space. Text fields are UTF-8 with {@code %}, space, DEL and every byte below 0x20 written as {@code %XX},
 * and an empty text is written as {@code -} (a literal {@code -} as {@code %2D}). Passphrases travel as
 * standard base64 of their UTF-8 bytes, so no passphrase byte can end a line early.
 *
 * <pre>
 * client: HELLO 1 agent PID TTY | HELLO 1 unlock
 * daemon: READY | ERROR TEXT
 * agent session, daemon to agent: ASK ID KIND OPERATION TARGET CALLER WARNING | WITHDRAW ID
 * agent session, agent to daemon: PASSPHRASE ID BASE64 | CONFIRM ID | CONFIRM ID ALWAYS | DISMISS ID
 * unlock session, client: STATE COLLECTION | UNLOCK COLLECTION BASE64
 * unlock session, daemon: LOCKED | UNLOCKED | WRONG_PASSPHRASE | NO_SUCH_COLLECTION IDS | FAILED TEXT
 * </pre>
 */
final class PromptWire {

    static final int VERSION = 1;

    static final int MAX_LINE_BYTES = 8192;

    static final String HELLO = "HELLO";
    static final String READY = "READY";
    static final String ERROR = "ERROR";
    static final String ROLE_AGENT = "agent";
    static final String ROLE_UNLOCK = "unlock";

    static final String ASK = "ASK";
    static final String WITHDRAW = "WITHDRAW";
    static final String PASSPHRASE = "PASSPHRASE";
    static final String CONFIRM = "CONFIRM";
    static final String ALWAYS = "ALWAYS";
    static final String DISMISS = "DISMISS";

    static final String STATE = "STATE";
    static final String UNLOCK = "UNLOCK";
    static final String LOCKED = "LOCKED";
    static final String UNLOCKED = "UNLOCKED";
    static final String WRONG_PASSPHRASE = "WRONG_PASSPHRASE";
    static final String NO_SUCH_COLLECTION = "NO_SUCH_COLLECTION";
    static final String FAILED = "FAILED";

    private static final String EMPTY = "-";
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private PromptWire() {}

    /** Encodes a text field. */
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
     * @throws MalformedLineException if a {@code %} is not followed by two hexadecimal digits
     */
    static String decodeText(String field) {
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
            if (i + 2 >= bytes.length) {
                throw new MalformedLineException("A % escape in a text field is cut short");
            }
            int high = Character.digit(bytes[i + 1], 16);
            int low = Character.digit(bytes[i + 2], 16);
            if (high < 0 || low < 0) {
                throw new MalformedLineException("A % escape in a text field is not followed by two hex digits");
            }
            out.write(high << 4 | low);
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Splits a line that contains no secret into its fields. */
    static List<String> fields(byte[] line) {
        return List.of(new String(line, StandardCharsets.UTF_8).split(" ", -1));
    }

    /** Returns the first field of a line, which names the message, without decoding the rest. */
    static String command(byte[] line) {
        int space = indexOf(line, (byte) ' ', 0);
        return new String(line, 0, space < 0 ? line.length : space, StandardCharsets.US_ASCII);
    }

    /**
     * Parses a question or message id.
     *
     * @throws MalformedLineException if it is not a positive decimal number
     */
    static long id(String field) {
        try {
            long id = Long.parseLong(field);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // Reported below with the same message as a non-positive id.
        }
        throw new MalformedLineException("Expected a positive message id");
    }

    /**
     * Builds {@code COMMAND FIELD... BASE64} with the base64 of {@code secret}; the caller wipes both arrays.
     */
    static byte[] lineWithSecret(String prefix, byte[] secret) {
        byte[] head = (prefix + " ").getBytes(StandardCharsets.UTF_8);
        byte[] encoded = Base64.getEncoder().encode(secret);
        try {
            byte[] line = Arrays.copyOf(head, head.length + encoded.length);
            System.arraycopy(encoded, 0, line, head.length, encoded.length);
            return line;
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /**
     * Decodes the base64 secret in field {@code index} of {@code line}, which must be the last field. The caller
     * owns and wipes the result.
     *
     * @throws MalformedLineException if the line has another number of fields or the field is not base64
     */
    static byte[] secretField(byte[] line, int index) {
        int start = 0;
        for (int i = 0; i < index; i++) {
            start = indexOf(line, (byte) ' ', start);
            if (start < 0) {
                throw new MalformedLineException("The line has fewer fields than expected");
            }
            start++;
        }
        if (indexOf(line, (byte) ' ', start) >= 0) {
            throw new MalformedLineException("The line has more fields than expected");
        }
        byte[] encoded = Arrays.copyOfRange(line, start, line.length);
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new MalformedLineException("The passphrase field is not valid base64");
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /** Returns the fields of a line that ends in a secret, leaving the secret field out. */
    static List<String> fieldsBeforeSecret(byte[] line, int secretIndex) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < secretIndex; i++) {
            int space = indexOf(line, (byte) ' ', start);
            if (space < 0) {
                throw new MalformedLineException("The line has fewer fields than expected");
            }
            fields.add(new String(line, start, space - start, StandardCharsets.UTF_8));
            start = space + 1;
        }
        return fields;
    }

    private static int indexOf(byte[] line, byte value, int from) {
        for (int i = from; i < line.length; i++) {
            if (line[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** A line on the prompt socket breaks the protocol; the message names the rule, never the line. */
    static final class MalformedLineException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MalformedLineException(String message) {
            super(message);
        }
    }
}
