package io.keyport.itests;

import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs short-lived commands, such as {@code dbus-send} or {@code keyport status}, to their end. */
final class Commands {

    /** Upper bound for one short command. A command still running then fails the test. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Commands() {}

    /**
     * Runs {@code command} with the inherited environment changed by {@code environment}, in which a
     * {@code null} value removes the variable.
     */
    static CommandResult run(Map<String, String> environment, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        applyEnvironment(builder.environment(), environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + String.join(" ", command), e);
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> stdout = readAsync(process.getInputStream());
            CompletableFuture<String> stderr = readAsync(process.getErrorStream());
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                fail(String.join(" ", command) + " did not finish within " + TIMEOUT.toSeconds() + " s");
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
    static void applyEnvironment(Map<String, String> target, Map<String, String> changes) {
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
