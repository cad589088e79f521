package io.keyport.itests.keyring;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.keyport.itests.CommandResult;
import io.keyport.itests.Commands;
import io.keyport.itests.DistributionTestSupport;
import io.keyport.itests.Executables;
import io.keyport.itests.KeyportProcess;
import io.keyport.itests.Poll;
import io.keyport.itests.Sandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * {@code bin/keyport} with a kernel keyring engine on the user keyring, driven by {@code secret-tool} and inspected
 * with {@code keyctl}. Each test uses an engine name of its own, so its collection keyring is
 * {@code keyport:collection:NAME:kernel}, and invalidates every key below it afterwards.
 */
public class KernelKeyringIT extends DistributionTestSupport {

    private static final String COLLECTION_PATH = "/org/freedesktop/secrets/collection/kernel";

    private final String engineName =
            "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private final Keyctl keyctl = Keyctl.asCurrentUser();
    private Sandbox sandbox;
    private Path config;
    private String parent = "@u";

    @Before
    public void prepareSandbox() {
        Keyctl.require();
        sandbox = sandboxWithBus();
        configure("user");
    }

    @After
    public void removeKeys() {
        keyctl.search(parent, "keyring", collectionDescription()).ifPresent(keyctl::invalidateTree);
    }

    @Test
    public void storedSecretIsKernelKey() {
        startAndAwaitCollection();

        store("kernel-secret-1", "Kernel item", "service", "keyport-it", "user", engineName);

        int keyring = collectionKeyring();
        Map<String, Integer> keys = keyctl.list(keyring);
        assertEquals(
                keyctl.show("@u"),
                List.of("keyport:info", "keyport:item:1", "keyport:secret:1:1"),
                List.copyOf(keys.keySet()));
        CommandResult print = keyctl.print(keys.get("keyport:secret:1:1"));
        assertEquals(print.describe(), "kernel-secret-1", print.stdout().trim());
        assertTrue(keyctl.show("@u"), keyctl.show("@u").contains("keyport:collection:" + engineName + ":kernel"));
    }

    @Test
    public void lookupAfterRestartReadsKernelKey() throws Exception {
        KeyportProcess first = startAndAwaitCollection();
        store("survives-restart", "Restart item", "service", "keyport-it", "user", engineName);

        assertEquals(first.describe(), 0, first.terminate());
        startAndAwaitCollection();

        assertEquals("survives-restart", lookup("service", "keyport-it", "user", engineName));
    }

    @Test
    public void lookupAfterKillReadsKernelKey() throws Exception {
        KeyportProcess first = startAndAwaitCollection();
        store("survives-kill", "Kill item", "service", "keyport-it", "user", engineName);

        ProcessHandle.of(first.pid()).ifPresent(ProcessHandle::destroyForcibly);
        Poll.until("the killed Keyport to exit", () -> !first.isAlive(), first::describe);
        startAndAwaitCollection();

        assertEquals("survives-kill", lookup("service", "keyport-it", "user", engineName));
    }

    @Test
    public void clearedItemLeavesOnlyInfoKey() {
        startAndAwaitCollection();
        store("to-be-cleared", "Clear item", "service", "keyport-it", "user", engineName);

        CommandResult clear = secretTool("", "clear", "service", "keyport-it", "user", engineName);

        assertEquals(clear.describe(), 0, clear.exitStatus());
        Poll.until(
                "only the info key to remain",
                () -> keyctl.list(collectionKeyring()).keySet().equals(Set.of("keyport:info")),
                () -> keyctl.show("@u"));
    }

    @Test
    public void sessionKeyringCollectionSurvivesRestart() throws Exception {
        configure("session");
        KeyportProcess first = startAndAwaitCollection();
        store("in-session-keyring", "Session item", "service", "keyport-it", "user", engineName);

        assertEquals(first.describe(), 0, first.terminate());
        startAndAwaitCollection();

        assertEquals("in-session-keyring", lookup("service", "keyport-it", "user", engineName));
        assertTrue(
                keyctl.show("@s"),
                keyctl.search("@s", "keyring", collectionDescription()).isPresent());
    }

    @Test
    public void keyInvalidatedWithKeyctlEndsItem() {
        KeyportProcess keyport = startAndAwaitCollection();
        store("invalidated-outside", "Outside item", "service", "keyport-it", "user", engineName);

        keyctl.run("invalidate", String.valueOf(keyctl.list(collectionKeyring()).get("keyport:item:1")));

        Poll.until(
                "the lookup to find nothing after Keyport's rescan",
                () -> lookup("service", "keyport-it", "user", engineName).isEmpty(),
                keyport::describe);
    }

    /** Writes the configuration directory with the engine below {@code keyring}: user or session. */
    private void configure(String keyring) {
        parent = keyring.equals("user") ? "@u" : "@s";
        config = KeyringConfigurations.write(
                sandbox.root().resolve("etc-" + keyring),
                engineName,
                Map.of("name", engineName, "keyring", keyring, "collections", "kernel=Kernel"));
    }

    private KeyportProcess startAndAwaitCollection() {
        KeyportProcess keyport = startKeyport(sandbox, "run", "--config", config.toString());
        awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, keyport);
        Poll.until("collection kernel to be served", this::collectionServed, keyport::describe);
        return keyport;
    }

    private boolean collectionServed() {
        CommandResult result = Commands.run(
                sandbox.environment(),
                List.of(
                        Executables.require(Executables.DBUS_SEND).toString(),
                        "--session",
                        "--print-reply",
                        "--dest=" + SECRETS_NAME,
                        "/org/freedesktop/secrets",
                        "org.freedesktop.DBus.Properties.Get",
                        "string:org.freedesktop.Secret.Service",
                        "string:Collections"));
        return result.exitStatus() == 0 && result.stdout().contains("\"" + COLLECTION_PATH + "\"");
    }

    private void store(String secret, String label, String... attributes) {
        List<String> arguments =
                new ArrayList<>(List.of("store", "--collection=" + COLLECTION_PATH, "--label=" + label));
        arguments.addAll(List.of(attributes));
        CommandResult result = secretTool(secret, arguments.toArray(new String[0]));
        assertEquals(result.describe(), 0, result.exitStatus());
    }

    private String lookup(String... attributes) {
        List<String> arguments = new ArrayList<>(List.of("lookup"));
        arguments.addAll(List.of(attributes));
        return secretTool("", arguments.toArray(new String[0])).stdout();
    }

    private CommandResult secretTool(String input, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Executables.require(Executables.SECRET_TOOL).toString());
        command.addAll(List.of(arguments));
        return Commands.run(sandbox.environment(), command, input.getBytes(StandardCharsets.UTF_8));
    }

    private int collectionKeyring() {
        Optional<Integer> keyring = keyctl.search(parent, "keyring", collectionDescription());
        assertTrue(keyctl.show(parent), keyring.isPresent());
        return keyring.get();
    }

    private String collectionDescription() {
        return "keyport:collection:" + engineName + ":kernel";
    }
}
