package io.keyport.itests;

import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.OutputStream;
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
public final class KeyportProcess implements AutoCloseable {

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
        return start(tree, sandbox, null, arguments);
    }

    /**
     * Starts {@code bin/keyport ARGUMENTS} in {@code sandbox} with {@code input} on its standard input, such as
     * the passphrase for {@code --unlock-stdin}, and returns without waiting. A {@code null} input reads
     * {@code /dev/null}.
     */
    static KeyportProcess start(DistributionTree tree, Sandbox sandbox, byte[] input, String... arguments) {
        List<String> command = command(tree, arguments);
        int number = COUNTER.incrementAndGet();
        Path stdout = sandbox.root().resolve("keyport-" + number + ".out");
        Path stderr = sandbox.root().resolve("keyport-" + number + ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(
                        input == null
                                ? ProcessBuilder.Redirect.from(
                                        Path.of("/dev/null").toFile())
                                : ProcessBuilder.Redirect.PIPE)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        Commands.applyEnvironment(builder.environment(), sandbox.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + String.join(" ", command), e);
        }
        if (input != null) {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input);
            } catch (IOException e) {
                process.destroyForcibly();
                throw new UncheckedIOException("Could not write to the standard input of " + command, e);
            }
        }
        return new KeyportProcess(command, process, stdout, stderr);
    }

    /** Runs {@code bin/keyport ARGUMENTS} in {@code sandbox} to its end, for commands that exit by themselves, such as {@code status}. */
    static CommandResult run(DistributionTree tree, Sandbox sandbox, String... arguments) {
        return Commands.run(sandbox.environment(), command(tree, arguments));
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
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
    public int terminate() throws InterruptedException {
        process.destroy();
        return awaitExit();
    }

    /**
     * Sends SIGKILL, which ends the daemon at once as a crash would, without running any of its shutdown code,
     * and waits for the process to end.
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        awaitExit();
    }

    /** Describes the process for an assertion message: its command, pid and output so far. */
    public String describe() {
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
