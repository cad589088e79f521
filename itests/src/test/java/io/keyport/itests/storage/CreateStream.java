package io.keyport.itests.storage;

import io.keyport.itests.Commands;
import io.keyport.itests.Poll;
import io.keyport.itests.Sandbox;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code storage/create_stream.py}: a client that streams CreateItem calls into one collection and prints
 * each item as soon as the daemon acknowledges it, until the daemon stops replying.
 */
final class CreateStream implements AutoCloseable {

    /** An item that the daemon acknowledged: its unique {@code crash-id} attribute, its path and its secret. */
    record Acknowledgement(String crashId, String path, String secret) {}

    private final Process process;
    private final Path stderr;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private CreateStream(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.reader = new Thread(this::readLines, "create-stream-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts streaming into the collection at {@code collectionPath}, with crash ids {@code PREFIX-N}. */
    static CreateStream start(Sandbox sandbox, String collectionPath, String prefix) {
        List<String> command = PythonClients.command(sandbox, "create_stream.py", collectionPath, prefix);
        Path stderr = sandbox.root().resolve("create-stream-" + prefix + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        Commands.applyEnvironment(builder.environment(), PythonClients.environment(sandbox));
        try {
            return new CreateStream(builder.start(), stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        }
    }

    /** Waits until at least {@code count} items were acknowledged. */
    void awaitAcknowledgements(int count, Supplier<String> state) {
        Poll.until(
                count + " acknowledged CreateItem calls",
                () -> acknowledged().size() >= count,
                () -> describe() + "\n" + state.get());
    }

    /**
     * Waits for the client to end after the daemon stopped, killing it if it does not, and returns every item that
     * the daemon acknowledged.
     */
    List<Acknowledgement> finish() throws InterruptedException {
        if (!process.waitFor(Poll.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(Poll.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        reader.join(TimeUnit.SECONDS.toMillis(Poll.TIMEOUT.toSeconds()));
        return acknowledged();
    }

    /** Returns the items acknowledged so far. */
    List<Acknowledgement> acknowledged() {
        List<Acknowledgement> acknowledgements = new ArrayList<>();
        synchronized (lines) {
            for (String line : lines) {
                String[] fields = line.split(" ");
                if (fields.length == 4 && fields[0].equals("ACK")) {
                    acknowledgements.add(new Acknowledgement(fields[1], fields[2], fields[3]));
                }
            }
        }
        return acknowledgements;
    }

    /** Describes the client for an assertion message: its last output line and its standard error. */
    String describe() {
        String last;
        synchronized (lines) {
            last = lines.isEmpty() ? "(none)" : lines.get(lines.size() - 1);
        }
        String errors;
        try {
            errors = Files.exists(stderr) ? Files.readString(stderr) : "";
        } catch (IOException e) {
            errors = "(could not read " + stderr + ": " + e + ")";
        }
        return "create_stream.py (pid " + process.pid() + "), last line: " + last + "\n--- stderr:\n" + errors;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(Poll.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private void readLines() {
        try (BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // The process was killed; the lines read so far stay.
        }
    }
}
