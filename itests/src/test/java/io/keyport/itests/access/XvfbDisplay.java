package io.keyport.itests.access;

import io.keyport.itests.Executables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** An Xvfb server on the first free display number from 90 upward, stopped on close. */
final class XvfbDisplay implements AutoCloseable {

    private final Process process;
    private final String display;

    private XvfbDisplay(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    /** Starts Xvfb and waits for its socket; fails, naming the Debian package, when Xvfb is not installed. */
    static XvfbDisplay start() throws InterruptedException {
        Path executable = Executables.require(Executables.XVFB);
        for (int number = 90; number < 190; number++) {
            Path socket = Path.of("/tmp/.X11-unix/X" + number);
            if (Files.exists(socket) || Files.exists(Path.of("/tmp/.X" + number + "-lock"))) {
                continue;
            }
            Process process;
            try {
                process = new ProcessBuilder(
                                executable.toString(), ":" + number, "-screen", "0", "1024x768x24", "-nolisten", "tcp")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start " + executable, e);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (process.isAlive() && !Files.exists(socket) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (process.isAlive() && Files.exists(socket)) {
                return new XvfbDisplay(process, ":" + number);
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
