package io.keyport.secretservice.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.keyport.api.prompt.Caller;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AuditLogTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);
    private static final Client CLIENT =
            new Client(new Caller(":1.42", 1000, 4242, "/usr/bin/secret-tool"), "", "app-foo.scope");

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path file() {
        return folder.getRoot().toPath().resolve("keyport/audit.log");
    }

    @Test
    public void lineHasEveryField() throws Exception {
        new AuditLog(file(), 10_000, CLOCK)
                .record(CLIENT, "GetSecret", "/org/freedesktop/secrets/collection/login/7", "allow", "creator");
        assertEquals(
                List.of("2026-01-02T03:04:05.678Z op=GetSecret path=/org/freedesktop/secrets/collection/login/7"
                        + " decision=allow reason=creator bus=:1.42 uid=1000 pid=4242 exe=/usr/bin/secret-tool app="
                        + " unit=app-foo.scope"),
                Files.readAllLines(file()));
    }

    @Test
    public void fileIsPrivate() throws Exception {
        new AuditLog(file(), 10_000, CLOCK).record(CLIENT, "Delete", "/p", "allow", "default");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent())));
    }

    @Test
    public void linesAreAppended() throws Exception {
        AuditLog log = new AuditLog(file(), 10_000, CLOCK);
        log.record(CLIENT, "CreateItem", "/a", "allow", "default");
        log.record(CLIENT, "GetSecret", "/a", "deny", "user");
        assertEquals(2, Files.readAllLines(file()).size());
    }

    @Test
    public void crafedExecutableCannotForgeLine() throws Exception {
        Client crafted = new Client(
                new Caller(":1.9", 1000, 1, "/tmp/x\n2026-01-01T00:00:00Z op=GetSecret decision=allow"), "", "");
        new AuditLog(file(), 10_000, CLOCK).record(crafted, "GetSecret", "/a", "deny", "rule");
        List<String> lines = Files.readAllLines(file());
        assertEquals(1, lines.size());
        assertTrue(lines.get(0), lines.get(0).contains("exe=/tmp/x\\x0a2026-01-01T00:00:00Z\\x20op\\x3dGetSecret"));
    }

    @Test
    public void fullFileIsRotated() throws Exception {
        AuditLog log = new AuditLog(file(), 400, CLOCK);
        for (int i = 0; i < 5; i++) {
            log.record(CLIENT, "GetSecret", "/item/" + i, "allow", "creator");
        }
        Path previous = file().resolveSibling("audit.log.1");
        assertTrue(Files.exists(previous));
        assertTrue(Files.size(file()) <= 400);
        assertTrue(Files.size(previous) <= 400);
        assertTrue(Files.readString(file()).contains("/item/4"));
    }

    @Test
    public void noFileWritesNothing() {
        new AuditLog(null, 400, CLOCK).record(CLIENT, "GetSecret", "/a", "allow", "creator");
        assertFalse(Files.exists(file()));
    }
}
