package io.keyport.launcher;

import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The source of the passphrase for {@code keyport unlock}: standard input ({@code --stdin}), a file descriptor ({@code
 * --fd N}), a systemd credential ({@code $CREDENTIALS_DIRECTORY/keyport-COLLECTION}) or the terminal, without
 * echo. Never the command line or the environment, which other processes of the user can read.
 *
 * <p>From a stream or a file it takes the first line, without its LF or CRLF.
 */
final class PassphraseInput {

    /** Maximum passphrase length in bytes, so that its base64 fits in one line of the prompt protocol. */
    static final int MAX_BYTES = 4096;

    private final String description;
    private final Path file;
    private final Console console;
    private final String collection;

    private PassphraseInput(String description, Path file, Console console, String collection) {
        this.description = description;
        this.file = file;
        this.console = console;
        this.collection = collection;
    }

    /**
     * Picks the source: {@code --stdin} or {@code --fd N} when given, else the systemd credential when it exists,
     * else the terminal.
     *
     * @throws LaunchOptions.UsageException if none is available, or file descriptor N is not open
     */
    static PassphraseInput choose(
            LaunchOptions options, String collection, Map<String, String> environment, Console console)
            throws LaunchOptions.UsageException {
        if (options.passphraseStdin()) {
            return new PassphraseInput("standard input", null, null, collection);
        }
        if (options.passphraseFd() >= 0) {
            int fd = options.passphraseFd();
            for (String directory : new String[] {"/proc/self/fd", "/dev/fd"}) {
                Path path = Path.of(directory, Integer.toString(fd));
                if (Files.exists(path)) {
                    return new PassphraseInput("file descriptor " + fd, path, null, collection);
                }
            }
            throw new LaunchOptions.UsageException("File descriptor " + fd + " is not open. Open it for keyport,"
                    + " for example: keyport unlock --fd 3 3< passphrase-file");
        }
        String credentials = environment.get("CREDENTIALS_DIRECTORY");
        if (credentials != null && !credentials.isBlank()) {
            Path credential = Path.of(credentials, "keyport-" + collection);
            if (Files.isRegularFile(credential)) {
                return new PassphraseInput("systemd credential " + credential, credential, null, collection);
            }
        }
        if (console != null) {
            return new PassphraseInput("the terminal", null, console, collection);
        }
        throw new LaunchOptions.UsageException("unlock needs the passphrase of collection " + collection
                + ", but standard input is not a terminal. Pass --stdin or --fd N, or provide the systemd"
                + " credential keyport-" + collection + ".");
    }

    String description() {
        return description;
    }

    /**
     * Reads the passphrase as UTF-8 bytes, which the caller wipes. Returns {@code null} when the user pressed
     * Ctrl-D at the terminal.
     *
     * @throws IOException if the source cannot be read, is empty, or contains more than {@value #MAX_BYTES} bytes
     */
    byte[] read() throws IOException {
        byte[] passphrase;
        if (console != null) {
            char[] chars = console.readPassword("Passphrase for collection %s: ", collection);
            if (chars == null) {
                return null;
            }
            try {
                passphrase = AgentDialog.utf8(chars);
            } finally {
                Arrays.fill(chars, '\0');
            }
        } else if (file != null) {
            // FileInputStream reads byte by byte into no buffer of its own, unlike a channel-based stream, whose
            // reads pass through a temporary direct buffer that the JDK keeps without wiping it.
            try (InputStream in = new FileInputStream(file.toFile())) {
                passphrase = firstLine(in);
            }
        } else {
            // The descriptor itself, because System.in keeps what it reads in a buffer that is never wiped.
            passphrase = firstLine(new FileInputStream(FileDescriptor.in));
        }
        if (passphrase.length == 0) {
            throw new IOException("The passphrase read from " + description + " is empty");
        }
        if (passphrase.length > MAX_BYTES) {
            Arrays.fill(passphrase, (byte) 0);
            throw new IOException(
                    "The passphrase read from " + description + " is longer than " + MAX_BYTES + " bytes");
        }
        return passphrase;
    }

    /** Reads up to the first LF or the end, without the LF or a CR before it, wiping every buffer it used. */
    static byte[] firstLine(InputStream in) throws IOException {
        byte[] buffer = new byte[MAX_BYTES + 2];
        int length = 0;
        try {
            int next;
            while (length < buffer.length && (next = in.read()) != -1 && next != '\n') {
                buffer[length++] = (byte) next;
            }
            if (length > 0 && buffer[length - 1] == '\r') {
                length--;
            }
            return Arrays.copyOf(buffer, length);
        } finally {
            Arrays.fill(buffer, (byte) 0);
        }
    }
}
