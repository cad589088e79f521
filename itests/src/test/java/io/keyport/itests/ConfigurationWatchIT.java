package io.keyport.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The configuration directory that {@code keyport run --config DIR} watches: a change there reconfigures
 * the running daemon without a restart.
 */
public class ConfigurationWatchIT extends DistributionTestSupport {

    private static final String TEST_NAME = "io.keyport.Test";
    private static final String BUS_CONFIGURATION = "io.keyport.bus.cfg";
    private static final String REJECTED = "ignored the new io.keyport.bus configuration";

    @Test
    public void addedFileRenamesBusName() throws Exception {
        Sandbox sandbox = sandboxWithBus();
        Path config = copyEtc(sandbox);
        KeyportProcess keyport = startKeyport(sandbox, "run", "--config", config.toString());
        awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, keyport);

        writeAtomically(config.resolve(BUS_CONFIGURATION), "name=" + TEST_NAME + "\n");
        long owner = awaitOwnerPid(sandbox.busAddress(), TEST_NAME, keyport);

        assertEquals(keyport.pid(), owner);
        assertEquals(Optional.empty(), DBusSend.nameOwner(sandbox.busAddress(), SECRETS_NAME));
    }

    @Test
    public void fileAtStartWinsOverFeature() throws Exception {
        Sandbox sandbox = sandboxWithBus();
        Path config = copyEtc(sandbox);
        writeAtomically(config.resolve(BUS_CONFIGURATION), "name=" + TEST_NAME + "\n");

        KeyportProcess keyport = startKeyport(sandbox, "run", "--config", config.toString());

        assertEquals(keyport.pid(), awaitOwnerPid(sandbox.busAddress(), TEST_NAME, keyport));
        assertEquals(Optional.empty(), DBusSend.nameOwner(sandbox.busAddress(), SECRETS_NAME));
    }

    @Test
    public void deletedFileRestoresSecretsName() throws Exception {
        Sandbox sandbox = sandboxWithBus();
        Path config = copyEtc(sandbox);
        KeyportProcess keyport = startKeyport(sandbox, "run", "--config", config.toString());
        awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, keyport);
        writeAtomically(config.resolve(BUS_CONFIGURATION), "name=" + TEST_NAME + "\n");
        awaitOwnerPid(sandbox.busAddress(), TEST_NAME, keyport);

        Files.delete(config.resolve(BUS_CONFIGURATION));
        Poll.until(
                TEST_NAME + " to be released",
                () -> DBusSend.nameOwner(sandbox.busAddress(), TEST_NAME).isEmpty(),
                keyport::describe);
        long owner = awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, keyport);

        assertEquals(keyport.pid(), owner);
        assertTrue(keyport.describe(), keyport.isAlive());
        assertEquals(OptionalLong.empty(), DBusSend.ownerPid(sandbox.busAddress(), TEST_NAME));
    }

    @Test
    public void unreachableAddressKeepsServing() throws Exception {
        Sandbox sandbox = sandboxWithBus();
        Path config = copyEtc(sandbox);
        KeyportProcess keyport = startKeyport(sandbox, "run", "--config", config.toString());
        awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, keyport);
        String missing = "unix:path=" + sandbox.root().resolve("no-such-bus");

        writeAtomically(config.resolve(BUS_CONFIGURATION), "address=" + missing + "\n");

        Poll.until("Keyport to reject the address", () -> keyport.stderr().contains(REJECTED), keyport::describe);
        assertTrue(keyport.describe(), keyport.stderr().contains(missing));
        assertTrue(keyport.describe(), keyport.isAlive());
        assertEquals(keyport.pid(), awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, keyport));
    }

    @Test
    public void malformedNameKeepsSecretsName() throws Exception {
        Sandbox sandbox = sandboxWithBus();
        Path config = copyEtc(sandbox);
        KeyportProcess keyport = startKeyport(sandbox, "run", "--config", config.toString());
        awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, keyport);

        writeAtomically(config.resolve(BUS_CONFIGURATION), "name=secrets\n");

        Poll.until("Keyport to reject the name", () -> keyport.stderr().contains(REJECTED), keyport::describe);
        assertTrue(keyport.describe(), keyport.stderr().contains("Invalid bus name 'secrets'"));
        assertTrue(keyport.describe(), keyport.isAlive());
        assertEquals(keyport.pid(), awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, keyport));
    }

    @Test
    public void invalidReplaceWordAndTypoAreReported() throws Exception {
        Sandbox sandbox = sandboxWithBus();
        Path config = copyEtc(sandbox);
        KeyportProcess keyport = startKeyport(sandbox, "run", "--config", config.toString());
        awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, keyport);

        writeAtomically(config.resolve(BUS_CONFIGURATION), "replace=perhaps\nadress=unix:path=/x\n");

        Poll.until("Keyport to reject the word", () -> keyport.stderr().contains(REJECTED), keyport::describe);
        assertTrue(keyport.describe(), keyport.stderr().contains("replace=perhaps is invalid: write true or false"));
        assertTrue(keyport.describe(), keyport.stderr().contains("unknown key adress"));
        assertEquals(keyport.pid(), awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, keyport));
    }

    @Test
    public void changedAddressMovesToOtherBus() throws Exception {
        Sandbox sandbox = sandboxWithBus();
        Sandbox other = sandboxWithBus();
        Path config = copyEtc(sandbox);
        KeyportProcess keyport = startKeyport(sandbox, "run", "--config", config.toString());
        awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, keyport);

        writeAtomically(config.resolve(BUS_CONFIGURATION), "address=" + other.busAddress() + "\n");

        assertEquals(keyport.pid(), awaitOwnerPid(other.busAddress(), SECRETS_NAME, keyport));
        Poll.until(
                SECRETS_NAME + " to be released on the first bus",
                () -> DBusSend.nameOwner(sandbox.busAddress(), SECRETS_NAME).isEmpty(),
                keyport::describe);
        assertTrue(keyport.describe(), keyport.isAlive());
    }

    /** Copies the distribution's etc/ into the sandbox, as a user would before changing it. */
    private Path copyEtc(Sandbox sandbox) throws IOException {
        Path target = Files.createDirectory(sandbox.root().resolve("etc"));
        try (Stream<Path> files = Files.list(tree.etc())) {
            files.forEach(file -> {
                try {
                    Files.copy(file, target.resolve(file.getFileName()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return target;
    }

    /**
     * Writes {@code file} through a temporary name that the watcher ignores, so that FileInstall never
     * reads it half written.
     */
    private static void writeAtomically(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, content);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
