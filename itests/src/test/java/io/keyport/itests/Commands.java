package io.keyport.itests;

import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs short-lived commands, such as {@code dbus-send} or {@code keyport status}, to their end. */
public final class Commands {

    /** Upper bound for one short command. A command still running then fails the test. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Commands() {}

    /**
     * Runs {@code command} with the inherited environment changed by {@code environment}, in which a
     * {@code null} value removes the variable.
     */
    public static CommandResult run(Map<String, String> environment, List<String> command) {
        return run(environment, command, new byte[0]);
    }

    /** Runs {@code command} like {@link #run(Map, List)}, with {@code input} on its standard input. */
    public static CommandResult run(Map<String, String> environment, List<String> command, byte[] input) {
        return run(environment, command, input, TIMEOUT);
    }

    /**
     * Runs {@code command} like {@link #run(Map, List, byte[])}, but fails the test when it is still running
     * after {@code timeout}, for a command that a daemon's bug can leave waiting forever.
     */
    public static CommandResult run(
            Map<String, String> environment, List<String> command, byte[] input, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command);
        applyEnvironment(builder.environment(), environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + String.join(" ", command), e);
        }
        try {
            CompletableFuture<String> stdout = readAsync(process.getInputStream());
            CompletableFuture<String> stderr = readAsync(process.getErrorStream());
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input);
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new CommandResult(
                    command, process.exitValue(), stdout.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS), stderr.get());
        } catch (Exception e) {
            throw new IllegalStateException("Running " + String.join(" ", command) + " failed", e);
        } finally {
            process.destroyForcibly();
        }
    }

    /** Applies {@code changes} to {@code target}, where a {@code null} value removes the variable. */
    public static void applyEnvironment(Map<String, String> target, Map<String, String> changes) {
        changes.forEach((name, value) -> {
            if (value == null) {
                target.remove(name);
            } else {
                target.put(name, value);
            }
        });
    }

    /** Reads {@code stream} to its end on a thread of its own, so neither output pipe can fill up. */
    private static CompletableFuture<String> readAsync(InputStream stream) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try (stream) {
                        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                task -> {
                    Thread reader = new Thread(task, "command-output");
                    reader.setDaemon(true);
                    reader.start();
                });
    }
}
