package io.keyport.launcher;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PassphraseInputTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void firstLineStopsAtNewline() throws Exception {
        assertArrayEquals(bytes("pass phrase"), PassphraseInput.firstLine(stream("pass phrase\nsecond line\n")));
    }

    @Test
    public void firstLineDropsCarriageReturn() throws Exception {
        assertArrayEquals(bytes("secret"), PassphraseInput.firstLine(stream("secret\r\n")));
    }

    @Test
    public void firstLineReadsToEnd() throws Exception {
        assertArrayEquals(bytes("no newline"), PassphraseInput.firstLine(stream("no newline")));
    }

    @Test
    public void stdinOptionWins() throws Exception {
        PassphraseInput input = PassphraseInput.choose(options("unlock", "--stdin"), "login", credentials(), null);

        assertEquals("standard input", input.description());
    }

    @Test
    public void credentialUsedWithoutOption() throws Exception {
        Map<String, String> environment = credentials();

        PassphraseInput input = PassphraseInput.choose(options("unlock"), "login", environment, null);

        assertTrue(input.description(), input.description().startsWith("systemd credential "));
        assertArrayEquals(bytes("from systemd"), input.read());
    }

    @Test
    public void credentialNamedAfterCollection() throws Exception {
        Map<String, String> environment = credentials();

        assertThrows(
                LaunchOptions.UsageException.class,
                () -> PassphraseInput.choose(options("unlock", "work"), "work", environment, null));
    }

    @Test
    public void fileDescriptorRead() throws Exception {
        PassphraseInput input = PassphraseInput.choose(options("unlock", "--fd", "0"), "login", Map.of(), null);

        assertEquals("file descriptor 0", input.description());
    }

    @Test
    public void closedFileDescriptorRejected() {
        LaunchOptions.UsageException e = assertThrows(
                LaunchOptions.UsageException.class,
                () -> PassphraseInput.choose(options("unlock", "--fd", "987"), "login", Map.of(), null));

        assertTrue(e.getMessage(), e.getMessage().contains("File descriptor 987 is not open"));
    }

    @Test
    public void noSourceWithoutTerminalRejected() {
        LaunchOptions.UsageException e = assertThrows(
                LaunchOptions.UsageException.class,
                () -> PassphraseInput.choose(options("unlock"), "login", Map.of(), null));

        assertTrue(e.getMessage(), e.getMessage().contains("--stdin"));
    }

    @Test
    public void emptyCredentialRejected() throws Exception {
        Path directory = folder.newFolder("empty").toPath();
        Files.write(directory.resolve("keyport-login"), new byte[0]);
        PassphraseInput input = PassphraseInput.choose(
                options("unlock"), "login", Map.of("CREDENTIALS_DIRECTORY", directory.toString()), null);

        IOException e = assertThrows(IOException.class, input::read);

        assertTrue(e.getMessage(), e.getMessage().endsWith("is empty"));
    }

    private Map<String, String> credentials() throws IOException {
        Path directory = folder.newFolder().toPath();
        Files.writeString(directory.resolve("keyport-login"), "from systemd\n");
        return Map.of("CREDENTIALS_DIRECTORY", directory.toString());
    }

    private static LaunchOptions options(String... args) throws LaunchOptions.UsageException {
        return LaunchOptions.parse(args, Path.of("/opt/keyport"));
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(bytes(text));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
