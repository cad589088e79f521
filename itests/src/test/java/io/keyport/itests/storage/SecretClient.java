package io.keyport.itests.storage;

import static org.junit.Assert.fail;

import io.keyport.itests.Commands;
import io.keyport.itests.Poll;
import io.keyport.itests.Sandbox;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A long-running python3-secretstorage client ({@code storage/secret_client.py}) that keeps one Secret
 * Service session and runs one request at a time for the test. Each request is a JSON line on the
 * client's standard input, and each reply a JSON line on its standard output.
 */
final class SecretClient implements AutoCloseable {

    /** An item that SearchItems found, with its secret and content type when its collection is unlocked. */
    record FoundItem(String path, boolean locked, byte[] secret, String contentType) {}

    /** An item that a verify request looks for: its unique attributes, its secret and the path it was given. */
    record ExpectedItem(Map<String, String> attributes, byte[] secret, String path) {}

    /**
     * The outcome of a verify request: the attribute sets not found, those found with another secret, and those
     * found at another path or more than once.
     */
    record Verification(int checked, List<String> missing, List<String> wrong, List<String> moved) {}

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String END_OF_OUTPUT = "";

    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final String uniqueName;

    private SecretClient(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(this::readReplies, "secret-client-output");
        reader.setDaemon(true);
        reader.start();
        this.uniqueName = reply().getString("unique_name");
    }

    /** Starts a client on {@code sandbox}'s bus and waits until its session is open. */
    static SecretClient start(Sandbox sandbox) {
        List<String> command = PythonClients.command(sandbox, "secret_client.py");
        Path stderr = sandbox.root().resolve("secret-client-" + COUNTER.incrementAndGet() + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        Commands.applyEnvironment(builder.environment(), PythonClients.environment(sandbox));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        }
        try {
            return new SecretClient(process, stderr);
        } catch (RuntimeException | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Returns the client's unique bus name, which stays the same while its connection and session live. */
    String uniqueName() {
        return uniqueName;
    }

    /** Stores an item with CreateItem in the collection at {@code collectionPath} and returns its path. */
    String store(
            String collectionPath, String label, Map<String, String> attributes, byte[] secret, String contentType) {
        JsonObject reply = call(Json.createObjectBuilder()
                .add("op", "store")
                .add("collection", collectionPath)
                .add("label", label)
                .add("attributes", toJson(attributes))
                .add("secret", Base64.getEncoder().encodeToString(secret))
                .add("content_type", contentType));
        return reply.getString("path");
    }

    /** Runs SearchItems on the service and reads the secret of every unlocked match. */
    List<FoundItem> search(Map<String, String> attributes) {
        JsonObject reply = call(Json.createObjectBuilder().add("op", "search").add("attributes", toJson(attributes)));
        List<FoundItem> items = new ArrayList<>();
        for (JsonObject item : reply.getJsonArray("items").getValuesAs(JsonObject.class)) {
            boolean locked = item.getBoolean("locked");
            items.add(new FoundItem(
                    item.getString("path"),
                    locked,
                    locked ? null : Base64.getDecoder().decode(item.getString("secret")),
                    locked ? null : item.getString("content_type")));
        }
        return items;
    }

    /**
     * Searches the collection at {@code collectionPath} for each expected item's attributes with SearchItems, and
     * compares the matches' paths and secrets with the expected ones.
     */
    Verification verify(String collectionPath, List<ExpectedItem> expected) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (ExpectedItem item : expected) {
            array.add(Json.createObjectBuilder()
                    .add("attributes", toJson(item.attributes()))
                    .add("secret", Base64.getEncoder().encodeToString(item.secret()))
                    .add("path", item.path()));
        }
        JsonObject reply = call(Json.createObjectBuilder()
                .add("op", "verify")
                .add("collection", collectionPath)
                .add("entries", array));
        return new Verification(
                reply.getInt("checked"),
                strings(reply.getJsonArray("missing")),
                strings(reply.getJsonArray("wrong")),
                strings(reply.getJsonArray("moved")));
    }

    /** Returns the paths in the service's Collections property. */
    List<String> collectionPaths() {
        JsonObject reply = call(Json.createObjectBuilder().add("op", "collections"));
        return reply.getJsonArray("collections").getValuesAs(JsonObject.class).stream()
                .map(collection -> collection.getString("path"))
                .toList();
    }

    /** Returns the Locked property of the collection at {@code collectionPath}. */
    boolean isLocked(String collectionPath) {
        return call(Json.createObjectBuilder().add("op", "locked").add("collection", collectionPath))
                .getBoolean("locked");
    }

    /**
     * Sends CreateCollection with {@code label} and returns without waiting, because the client then runs the
     * prompt until someone answers it. {@link #awaitCreatedCollection()} returns the new collection's path.
     */
    void requestCollection(String label) {
        send(Json.createObjectBuilder().add("op", "create_collection").add("label", label));
    }

    /** Waits for the reply to {@link #requestCollection} and returns the new collection's path. */
    String awaitCreatedCollection() {
        return checked(reply()).getString("path");
    }

    /** Waits up to {@link Poll#TIMEOUT} for a Secret.Service signal {@code member} that names {@code path}. */
    boolean awaitSignal(String member, String path) {
        return call(Json.createObjectBuilder()
                        .add("op", "await_signal")
                        .add("member", member)
                        .add("path", path)
                        .add("timeout", Poll.TIMEOUT.toSeconds()))
                .getBoolean("received");
    }

    /** Describes the client for an assertion message: its pid, whether it runs, and its standard error. */
    String describe() {
        String errors;
        try {
            errors = Files.exists(stderr) ? Files.readString(stderr) : "";
        } catch (IOException e) {
            errors = "(could not read " + stderr + ": " + e + ")";
        }
        return "secret_client.py (pid " + process.pid() + (process.isAlive() ? ", running" : ", exited") + ")\n"
                + "--- stderr:\n" + errors;
    }

    /** Closes the client's standard input, which ends it, and kills it if it does not end in time. */
    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // The client has exited already.
        }
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(Poll.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private JsonObject call(JsonObjectBuilder request) {
        send(request);
        return checked(reply());
    }

    private void send(JsonObjectBuilder request) {
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.write((request.build().toString() + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not send a request to " + describe(), e);
        }
    }

    private JsonObject reply() {
        String line;
        try {
            line = replies.poll(Commands.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the client's reply", e);
        }
        if (line == null) {
            fail("No reply from the client within " + Commands.TIMEOUT.toSeconds() + " s.\n" + describe());
        }
        if (line.equals(END_OF_OUTPUT)) {
            fail("The client ended without a reply.\n" + describe());
        }
        return Json.createReader(new StringReader(line)).readObject();
    }

    private JsonObject checked(JsonObject reply) {
        if (reply.containsKey("error")) {
            fail("The client's request failed: " + reply.getString("error") + "\n" + describe());
        }
        return reply;
    }

    private void readReplies() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty()) {
                    replies.add(line);
                }
            }
        } catch (IOException e) {
            // The process ended, and the sentinel below ends a request that waits for a reply.
        }
        replies.add(END_OF_OUTPUT);
    }

    private static JsonObject toJson(Map<String, String> attributes) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        attributes.forEach(object::add);
        return object.build();
    }

    private static List<String> strings(JsonArray array) {
        return array.stream().map(JsonValue::toString).toList();
    }
}
