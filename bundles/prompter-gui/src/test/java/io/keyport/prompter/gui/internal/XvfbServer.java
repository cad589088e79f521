package io.keyport.prompter.gui.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** An Xvfb server on the first free display number from 90 upward, for tests that open dialogs. */
final class XvfbServer implements AutoCloseable {

    private static final String EXECUTABLE = "/usr/bin/Xvfb";

    private final Process process;
    private final String display;

    private XvfbServer(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    /** Starts Xvfb and waits for its socket; fails, naming the Debian package, when Xvfb is not installed. */
    static XvfbServer start() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(EXECUTABLE))) {
            throw new AssertionError(EXECUTABLE + " is missing: install the Debian package xvfb");
        }
        for (int number = 90; number < 190; number++) {
            Path socket = Path.of("/tmp/.X11-unix/X" + number);
            if (Files.exists(socket) || Files.exists(Path.of("/tmp/.X" + number + "-lock"))) {
                continue;
            }
            Process process = new ProcessBuilder(
                            EXECUTABLE, ":" + number, "-screen", "0", "1024x768x24", "-nolisten", "tcp")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (process.isAlive() && !Files.exists(socket) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (process.isAlive() && Files.exists(socket)) {
                return new XvfbServer(process, ":" + number);
            }
            // Another test run took this number between the check and the start; try the next one.
            process.destroyForcibly().waitFor();
        }
        throw new AssertionError("Xvfb did not start on any display from :90 to :189");
    }

    String display() {
        return display;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
