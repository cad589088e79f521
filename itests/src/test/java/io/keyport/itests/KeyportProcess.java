package io.keyport.itests;

import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The distribution's {@code bin/keyport} running as a process in a {@link Sandbox}.
 *
 * <p>{@code bin/keyport} replaces itself with {@code java}, so {@link #pid()} is the daemon's pid and
 * {@link #terminate()} sends SIGTERM to the daemon itself. Its output goes to files in the sandbox,
 * which the tests read while it runs.
 */
final class KeyportProcess implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final List<String> command;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private KeyportProcess(List<String> command, Process process, Path stdout, Path stderr) {
        this.command = command;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code bin/keyport ARGUMENTS} in {@code sandbox} and returns without waiting. */
    static KeyportProcess start(DistributionTree tree, Sandbox sandbox, String... arguments) {
        List<String> command = command(tree, arguments);
        int number = COUNTER.incrementAndGet();
        Path stdout = sandbox.root().resolve("keyport-" + number + ".out");
        Path stderr = sandbox.root().resolve("keyport-" + number + ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        Commands.applyEnvironment(builder.environment(), sandbox.environment());
        try {
            return new KeyportProcess(command, builder.start(), stdout, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + String.join(" ", command), e);
        }
    }

    /** Runs {@code bin/keyport ARGUMENTS} in {@code sandbox} to its end, for commands that exit by themselves, such as {@code status}. */
    static CommandResult run(DistributionTree tree, Sandbox sandbox, String... arguments) {
        return Commands.run(sandbox.environment(), command(tree, arguments));
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    /** Waits for the process to exit by itself, and returns its exit status. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(Poll.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            fail("Keyport did not exit within " + Poll.TIMEOUT.toSeconds() + " s.\n" + describe());
        }
        return process.exitValue();
    }

    /** Sends SIGTERM, waits for the process to exit, and returns its exit status. */
    int terminate() throws InterruptedException {
        process.destroy();
        return awaitExit();
    }

    /** Describes the process for an assertion message: its command, pid and output so far. */
    String describe() {
        return String.join(" ", command) + " (pid " + pid() + ")\n--- stdout:\n" + stdout() + "\n--- stderr:\n"
                + stderr();
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(Poll.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(Poll.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static List<String> command(DistributionTree tree, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(tree.launcher().toString());
        command.addAll(List.of(arguments));
        return command;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }
}
