package io.keyport.secretservice.internal;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log, {@code audit.log} in the data directory: one line per secret read, write and delete and per
 * denied request, such as
 * {@code 2026-01-02T03:04:05.678Z op=GetSecret path=/org/freedesktop/secrets/collection/login/7 decision=allow
 * reason=creator bus=:1.42 uid=1000 pid=4242 exe=/usr/bin/secret-tool app= unit=}.
 *
 * <p>A line contains object paths and the caller's identity only, never a secret, label or attribute value. Values
 * are escaped, so a crafted executable path cannot forge a line. When the file would pass its size limit it is
 * renamed to {@code audit.log.1}, replacing the previous one, and a new file starts.
 */
final class AuditLog {

    static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final Path file;
    private volatile long maxBytes;
    private final Clock clock;
    private boolean failed;

    /** @param file the log file, or {@code null} to write no audit log */
    AuditLog(Path file, long maxBytes, Clock clock) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** Changes the size at which the file is renamed to {@code audit.log.1}. */
    void setMaxBytes(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Appends one line.
     *
     * @param operation the D-Bus method, such as {@code GetSecret}
     * @param path the object path concerned
     * @param decision {@code allow} or {@code deny}
     * @param reason why, such as {@code rule}, {@code creator}, {@code user} or {@code unattended}
     */
    void record(Client client, String operation, String path, String decision, String reason) {
        if (file == null) {
            return;
        }
        String line = format(client, operation, path, decision, reason);
        synchronized (this) {
            try {
                append(line.getBytes(StandardCharsets.UTF_8));
                failed = false;
            } catch (IOException e) {
                if (!failed) {
                    LOG.error(
                            "Could not write the audit log {}; later failures are not logged until it works", file, e);
                }
                failed = true;
            }
        }
    }

    String format(Client client, String operation, String path, String decision, String reason) {
        StringBuilder line = new StringBuilder(Instant.now(clock).toString());
        field(line, "op", operation);
        field(line, "path", path);
        field(line, "decision", decision);
        field(line, "reason", reason);
        field(line, "bus", client.caller().busName());
        field(line, "uid", Long.toString(client.caller().uid()));
        field(line, "pid", Long.toString(client.caller().pid()));
        field(line, "exe", client.caller().executable());
        field(line, "app", client.appId());
        field(line, "unit", client.unit());
        return line.append('\n').toString();
    }

    private void append(byte[] line) throws IOException {
        Files.createDirectories(
                file.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        if (Files.exists(file) && Files.size(file) + line.length > maxBytes) {
            Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        // A stream, not a FileChannel: the thread that records a denial may have been interrupted, such as when its
        // question was withdrawn, and an interrupt closes a FileChannel before it writes.
        try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
            out.write(line);
        }
    }

    /** Appends {@code name=value}, escaping spaces, backslashes, {@code =} and control characters as {@code \xNN}. */
    private static void field(StringBuilder line, String name, String value) {
        line.append(' ').append(name).append('=');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '\\' || c == '=' || c == 0x7f || Character.isISOControl(c)) {
                line.append(String.format("\\x%02x", (int) c & 0xff));
            } else {
                line.append(c);
            }
        }
    }
}
