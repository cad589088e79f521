package io.keyport.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.Test;

/**
 * Command-line parsing: {@code --stdin}, {@code --fd N} and the collection of {@code keyport unlock}, and
 * {@code --deploy}.
 */
public class LaunchOptionsTest {

    @Test
    public void unlockWithoutOptions() throws Exception {
        LaunchOptions options = parse("unlock");

        assertEquals("unlock", options.command());
        assertFalse(options.passphraseStdin());
        assertEquals(-1, options.passphraseFd());
        assertEquals(List.of(), options.arguments());
    }

    @Test
    public void stdinAndCollection() throws Exception {
        LaunchOptions options = parse("unlock", "--stdin", "work");

        assertTrue(options.passphraseStdin());
        assertEquals(List.of("work"), options.arguments());
    }

    @Test
    public void fileDescriptorInBothForms() throws Exception {
        assertEquals(3, parse("unlock", "--fd", "3").passphraseFd());
        assertEquals(4, parse("unlock", "--fd=4").passphraseFd());
    }

    @Test
    public void invalidFileDescriptorRejected() {
        assertThrows(LaunchOptions.UsageException.class, () -> parse("unlock", "--fd", "three"));
        assertThrows(LaunchOptions.UsageException.class, () -> parse("unlock", "--fd", "-1"));
        assertThrows(LaunchOptions.UsageException.class, () -> parse("unlock", "--fd"));
    }

    @Test
    public void stdinWithFileDescriptorRejected() {
        assertThrows(LaunchOptions.UsageException.class, () -> parse("unlock", "--stdin", "--fd", "3"));
    }

    @Test
    public void stdinOutsideUnlockRejected() {
        LaunchOptions.UsageException e =
                assertThrows(LaunchOptions.UsageException.class, () -> parse("run", "--stdin"));

        assertTrue(e.getMessage(), e.getMessage().contains("keyport unlock only"));
    }

    @Test
    public void promptTakesNoPassphraseOption() {
        assertThrows(LaunchOptions.UsageException.class, () -> parse("prompt", "--fd", "3"));
    }

    @Test
    public void deployDirectoryDefaultsToHome() throws Exception {
        assertEquals(Path.of("/opt/keyport/deploy"), parse("run").deployDirectory());
    }

    @Test
    public void deployDirectoryInBothForms() throws Exception {
        assertEquals(
                Path.of("/srv/plugins"),
                parse("run", "--deploy", "/srv/plugins").deployDirectory());
        assertEquals(
                Path.of("/srv/plugins"), parse("run", "--deploy=/srv/plugins").deployDirectory());
    }

    private static LaunchOptions parse(String... args) throws LaunchOptions.UsageException {
        return LaunchOptions.parse(args, Path.of("/opt/keyport"));
    }
}
