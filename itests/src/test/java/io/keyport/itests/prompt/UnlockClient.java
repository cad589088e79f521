package io.keyport.itests.prompt;

import static org.junit.Assert.fail;

import io.keyport.itests.Commands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Secret Service clients that call {@code Unlock} on a collection and then {@code Prompt}, each on its own bus
 * connection, and wait for {@code Completed}: a Python script on Debian's {@code /usr/bin/python3} with jeepney,
 * the D-Bus library under python3-secretstorage. The script prints {@code prompted N} once client N waits for the
 * user and {@code result N completed|dismissed|no-prompt} at the end.
 */
final class UnlockClient implements AutoCloseable {

    static final Path PYTHON = Path.of("/usr/bin/python3");

    private static final String SCRIPT = """
            import sys, threading
            from jeepney import DBusAddress, MatchRule, message_bus, new_method_call
            from jeepney.io.blocking import open_dbus_connection

            BUS_NAME = 'org.freedesktop.secrets'
            SERVICE = DBusAddress('/org/freedesktop/secrets', BUS_NAME, 'org.freedesktop.Secret.Service')
            collection, count = sys.argv[1], int(sys.argv[2])
            output = threading.Lock()

            def say(*words):
                with output:
                    print(*words, flush=True)

            def unlock(index):
                connection = open_dbus_connection('SESSION')
                try:
                    reply = connection.send_and_get_reply(new_method_call(SERVICE, 'Unlock', 'ao', ([collection],)))
                    unlocked, prompt = reply.body
                    if prompt == '/':
                        say('result', index, 'no-prompt')
                        return
                    rule = MatchRule(type='signal', interface='org.freedesktop.Secret.Prompt', member='Completed',
                                     path=prompt)
                    connection.send_and_get_reply(new_method_call(message_bus, 'AddMatch', 's', (rule.serialise(),)))
                    with connection.filter(rule) as signals:
                        prompt_object = DBusAddress(prompt, BUS_NAME, 'org.freedesktop.Secret.Prompt')
                        connection.send_and_get_reply(new_method_call(prompt_object, 'Prompt', 's', ('',)))
                        say('prompted', index)
                        dismissed, result = connection.recv_until_filtered(signals, timeout=120).body
                    say('result', index, 'dismissed' if dismissed else 'completed')
                finally:
                    connection.close()

            threads = [threading.Thread(target=unlock, args=(index,)) for index in range(count)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            """;

    private final Process process;
    private final Path output;

    private UnlockClient(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code count} clients at once that unlock {@code collectionPath}, and returns without waiting. */
    static UnlockClient start(Path directory, Map<String, String> environment, String collectionPath, int count) {
        requireJeepney(environment);
        try {
            Path script = Files.writeString(directory.resolve("unlock_client.py"), SCRIPT);
            Path output = Files.createTempFile(directory, "unlock-client-", ".out");
            ProcessBuilder builder = new ProcessBuilder(
                            PYTHON.toString(), script.toString(), collectionPath, Integer.toString(count))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put("PYTHONNOUSERSITE", "1");
            builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            environment.forEach((name, value) -> {
                if (value == null) {
                    builder.environment().remove(name);
                } else {
                    builder.environment().put(name, value);
                }
            });
            return new UnlockClient(builder.start(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the Python unlock client", e);
        }
    }

    /** Returns the lines printed so far. */
    List<String> lines() {
        try {
            return List.of(Files.readString(output).split("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + output, e);
        }
    }

    /** Returns the outcome of each client, such as {@code completed}, once all have printed one. */
    List<String> awaitResults(int count) throws InterruptedException {
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            fail("The unlock clients did not finish within 90 s.\n" + describe());
        }
        List<String> results = new ArrayList<>();
        for (String line : lines()) {
            if (line.startsWith("result ")) {
                results.add(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        if (results.size() != count) {
            fail("Expected " + count + " results from the unlock clients.\n" + describe());
        }
        return results;
    }

    String describe() {
        return "--- unlock clients (exit " + (process.isAlive() ? "still running" : process.exitValue()) + "):\n"
                + String.join("\n", lines());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private static void requireJeepney(Map<String, String> environment) {
        if (!Files.isExecutable(PYTHON)) {
            fail(PYTHON + " was not found. Install the Debian packages python3 and python3-jeepney.");
        }
        var probe = Commands.run(environment, List.of(PYTHON.toString(), "-c", "import jeepney"));
        if (probe.exitStatus() != 0) {
            fail(PYTHON + " cannot import jeepney. Install the Debian package python3-jeepney.\n" + probe.describe());
        }
    }
}
