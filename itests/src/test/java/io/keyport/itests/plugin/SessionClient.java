package io.keyport.itests.plugin;

import static org.junit.Assert.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A python3-secretstorage process that keeps one Secret Service session open for a whole test and stores and
 * reads in the session collection when asked, through {@code plugin/session_client.py}.
 */
public final class SessionClient implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 20;

    private final Process process;
    private final OutputStream commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final Path stderr;

    private SessionClient(Process process, Path stderr) {
        this.process = process;
        this.commands = process.getOutputStream();
        this.stderr = stderr;
        Thread reader = new Thread(this::readReplies, "session-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the script with {@code python} in {@code environment} and waits until its session is open. */
    public static SessionClient start(
            Path python, Path script, String tag, Map<String, String> environment, Path stderr) {
        ProcessBuilder builder =
                new ProcessBuilder(List.of(python.toString(), script.toString(), tag)).redirectError(stderr.toFile());
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        try {
            SessionClient client = new SessionClient(builder.start(), stderr);
            client.expectPrefix("ready ");
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + script, e);
        }
    }

    /** Stores the secret {@code value-N} under {@code n=N} and returns the reply line. */
    public String store(int number) {
        return request("store " + number);
    }

    /** Reads the secret under {@code n=N} and returns the reply line, such as {@code read 1 value-1}. */
    public String read(int number) {
        return request("read " + number);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            commands.close();
        } catch (IOException e) {
            // The process is gone already.
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private String request(String command) {
        try {
            commands.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            commands.flush();
        } catch (IOException e) {
            fail("The session client exited before '" + command + "'; see " + stderr);
        }
        return nextReply(command);
    }

    private void expectPrefix(String prefix) {
        String reply = nextReply("start");
        if (!reply.startsWith(prefix)) {
            fail("The session client replied '" + reply + "' instead of '" + prefix + "...'; see " + stderr);
        }
    }

    private String nextReply(String command) {
        try {
            String reply = replies.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (reply == null) {
                fail("The session client sent no reply to '" + command + "' within " + TIMEOUT_SECONDS + " s; see "
                        + stderr);
            }
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the session client", e);
        }
    }

    private void readReplies() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                replies.add(line);
            }
        } catch (IOException e) {
            // The process ended; a waiting request times out with a message.
        }
    }
}
