package io.keyport.prompter.gui.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Drives real Swing dialogs on an Xvfb server. Each scenario runs in a JVM started with {@code DISPLAY} set to
 * that server, because AWT reads {@code DISPLAY} once, when it starts. Screenshots go to
 * {@code target/screenshots}.
 */
public class SwingPrompterTest {

    private static XvfbServer xvfb;

    @BeforeClass
    public static void startXvfb() throws Exception {
        xvfb = XvfbServer.start();
    }

    @AfterClass
    public static void stopXvfb() throws Exception {
        if (xvfb != null) {
            xvfb.close();
        }
    }

    @Test
    public void unlockReturnsTypedPassphrase() throws Exception {
        assertEquals("passphrase correct horse 42", run("unlock"));
        assertScreenshot("unlock.png");
    }

    @Test
    public void closingWindowDismisses() throws Exception {
        assertEquals("dismissed", run("unlock-dismiss"));
    }

    @Test
    public void newPassphraseAskedTwice() throws Exception {
        assertEquals("passphrase new secret 7", run("new-passphrase"));
        assertScreenshot("new-passphrase.png");
    }

    @Test
    public void newPassphraseMismatchAsksAgain() throws Exception {
        assertEquals("passphrase same", run("new-passphrase-mismatch"));
        assertScreenshot("new-passphrase-mismatch.png");
    }

    @Test
    public void confirmationDenyDismisses() throws Exception {
        assertEquals("dismissed", run("confirm-deny"));
        assertScreenshot("confirmation.png");
    }

    @Test
    public void confirmationAllowOnce() throws Exception {
        assertEquals("confirmed", run("confirm-once"));
    }

    @Test
    public void confirmationAlwaysAllow() throws Exception {
        assertEquals("confirmed always", run("confirm-always"));
    }

    @Test
    public void cancellingFutureClosesDialog() throws Exception {
        assertEquals("dialog closed", run("cancel-future"));
    }

    private static Path screenshots() {
        return Path.of(System.getProperty("keyport.screenshots", "target/screenshots"));
    }

    private static void assertScreenshot(String name) throws IOException {
        Path file = screenshots().resolve(name);
        assertTrue(file + " is missing", Files.isRegularFile(file));
        assertTrue(file + " is empty", Files.size(file) > 0);
    }

    private static String run(String scenario) throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classPath);
        command.add(DialogDriver.class.getName());
        command.add(scenario);
        command.add(screenshots().toString());
        // The output goes to a file rather than a pipe, so it can still be read after a hung scenario is killed.
        Path log = Files.createTempFile(screenshots().toAbsolutePath().getParent(), "dialog-" + scenario, ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DISPLAY", xvfb.display());
        builder.environment().remove("WAYLAND_DISPLAY");
        Process process = builder.start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertTrue("scenario " + scenario + " timed out; output:\n" + output, exited);
        return output.lines()
                .filter(line -> line.startsWith("REPLY "))
                .map(line -> line.substring("REPLY ".length()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("scenario " + scenario + " printed no reply:\n" + output));
    }
}
