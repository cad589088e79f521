package io.keyport.itests.storage;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.keyport.itests.CommandResult;
import io.keyport.itests.KeyportProcess;
import io.keyport.itests.Poll;
import io.keyport.itests.Sandbox;
import io.keyport.itests.storage.SecretClient.FoundItem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

/**
 * The feature's file store and a second one, {@code extra}, side by side in one Keyport, each with its own
 * collection in its own directory, and a second Keyport on the same data directory that must keep off both.
 */
public class TwoFileStoresIT extends FileStoreTestSupport {

    private static final String EXTRA_PASSPHRASE = "extra store passphrase";

    /** Restarts with --unlock-stdin to run, because whether login goes astray depends on thread timing. */
    private static final int RESTARTS = 3;

    private static final Map<String, String> LOGIN_ATTRIBUTES = Map.of("store", "file");
    private static final Map<String, String> EXTRA_ATTRIBUTES = Map.of("store", "extra");
    private static final byte[] LOGIN_SECRET = "secret in login".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EXTRA_SECRET = "secret in Extra".getBytes(StandardCharsets.UTF_8);

    /** A running Keyport with login in the file store and Extra in the extra store, one item in each. */
    private record SideBySide(
            Sandbox sandbox,
            KeyportProcess keyport,
            Path config,
            Path extraDirectory,
            SecretClient client,
            String loginItem,
            String extraItem) {}

    @Test
    public void eachStoreKeepsItsCollection() throws Exception {
        SideBySide stores = startSideBySide();
        Path fileDirectory = fileStoreDirectory(stores.sandbox());

        List<FoundItem> inLogin = stores.client().search(LOGIN_ATTRIBUTES);
        List<FoundItem> inExtra = stores.client().search(EXTRA_ATTRIBUTES);

        Path login = fileDirectory.resolve("login.collection");
        Path extra = stores.extraDirectory().resolve("Extra.collection");
        Path extraInFile = fileDirectory.resolve("Extra.collection");
        Path loginInExtra = stores.extraDirectory().resolve("login.collection");
        assertTrue(login + " is missing", Files.exists(login));
        assertTrue(extra + " is missing", Files.exists(extra));
        assertFalse(extraInFile + " exists", Files.exists(extraInFile));
        assertFalse(loginInExtra + " exists", Files.exists(loginInExtra));
        assertEquals(
                List.of(stores.loginItem()),
                inLogin.stream().map(FoundItem::path).toList());
        assertEquals(
                List.of(stores.extraItem()),
                inExtra.stream().map(FoundItem::path).toList());
        assertArrayEquals(LOGIN_SECRET, inLogin.get(0).secret());
        assertArrayEquals(EXTRA_SECRET, inExtra.get(0).secret());
    }

    @Test
    public void restartsUnlockTheOneLogin() throws Exception {
        SideBySide stores = startSideBySide();
        KeyportProcess running = stores.keyport();

        // The extra store's higher ranking binds it first, so on any restart it can receive a second login.
        for (int restart = 1; restart <= RESTARTS; restart++) {
            assertEquals(running.describe(), 0, running.terminate());
            KeyportProcess restarted = startKeyportWithInput(
                    stores.sandbox(),
                    PASSPHRASE.getBytes(StandardCharsets.UTF_8),
                    "run",
                    "--unlock-stdin",
                    "--config",
                    stores.config().toString());
            running = restarted;
            awaitOwnerPid(stores.sandbox().busAddress(), SECRETS_NAME, restarted);
            // Either the real login is unlocked, or a login that --unlock-stdin made elsewhere shows up unlocked.
            Poll.until(
                    "an unlocked login in keyport status",
                    () -> collectionStates(status(stores.sandbox()), "login").contains("unlocked"),
                    () -> restarted.describe() + "\n" + status(stores.sandbox()).describe());
            CommandResult status = status(stores.sandbox());

            String context = "Restart " + restart + " of " + RESTARTS + ":\n" + collectionsReport(status);
            assertEquals(context, List.of("unlocked"), collectionStates(status, "login"));
            assertFalse(context, Files.exists(stores.extraDirectory().resolve("login.collection")));
            assertEquals(context, Optional.of(false), lockedProperty(stores.sandbox(), LOGIN_PATH));
        }
    }

    @Test
    public void secondKeyportNamesStoreDirectories() throws Exception {
        SideBySide stores = startSideBySide();

        KeyportProcess second = startSecondKeyport(stores);
        boolean namesFileStore =
                awaitOutputNaming(second, fileStoreDirectory(stores.sandbox()).toRealPath());
        boolean namesExtraStore =
                awaitOutputNaming(second, stores.extraDirectory().toRealPath());

        assertTrue(second.describe(), namesFileStore);
        assertTrue(second.describe(), namesExtraStore);
    }

    @Test
    public void secondKeyportLeavesStoresIntact() throws Exception {
        SideBySide stores = startSideBySide();
        Path fileDirectory = fileStoreDirectory(stores.sandbox());
        List<String> fileBefore = contentsOf(fileDirectory);
        List<String> extraBefore = contentsOf(stores.extraDirectory());

        KeyportProcess second = startSecondKeyport(stores);
        second.terminate();
        List<String> fileAfter = contentsOf(fileDirectory);
        List<String> extraAfter = contentsOf(stores.extraDirectory());
        Map<String, String> added = Map.of("store", "file", "added", "after the second Keyport");
        stores.client().store(LOGIN_PATH, "added", added, LOGIN_SECRET, "text/plain");
        List<FoundItem> found = stores.client().search(added);

        assertEquals("the files in " + fileDirectory, fileBefore, fileAfter);
        assertEquals("the files in " + stores.extraDirectory(), extraBefore, extraAfter);
        assertEquals(found.toString(), 1, found.size());
        assertArrayEquals(LOGIN_SECRET, found.get(0).secret());
    }

    /**
     * Starts Keyport with a copy of etc/ and login in the file store, then adds the extra store and creates
     * collection Extra in it through CreateCollection and the prompt agent. The extra store comes after login
     * exists, because a store that creates collections and starts first would receive login.
     */
    private SideBySide startSideBySide() throws Exception {
        Sandbox sandbox = sandboxWithBus();
        Path config = copyEtc(sandbox);
        Path extraDirectory = sandbox.root().resolve("extra-store");
        KeyportProcess keyport = startUnlocked(sandbox, "--config", config.toString());
        PromptAgentTerminal agent = promptAgent(sandbox);
        writeExtraStore(config, extraDirectory);
        awaitFileStores(sandbox, keyport, 2);

        SecretClient client = secretClient(sandbox);
        client.requestCollection("Extra");
        agent.answerNewPassphrase("Extra", EXTRA_PASSPHRASE);
        String extraPath = client.awaitCreatedCollection();
        String loginItem = client.store(LOGIN_PATH, "in login", LOGIN_ATTRIBUTES, LOGIN_SECRET, "text/plain");
        String extraItem = client.store(extraPath, "in Extra", EXTRA_ATTRIBUTES, EXTRA_SECRET, "text/plain");
        return new SideBySide(sandbox, keyport, config, extraDirectory, client, loginItem, extraItem);
    }

    /**
     * Starts a second Keyport with the same configuration and data directory on a bus and runtime directory of its
     * own, and waits until its file store components have tried to start, or until it exits.
     */
    private KeyportProcess startSecondKeyport(SideBySide stores) {
        Sandbox other = sandboxWithBusSharingData(stores.sandbox());
        KeyportProcess second =
                startKeyport(other, "run", "--config", stores.config().toString());
        Poll.until(
                "the second Keyport's file stores to start or fail",
                () -> !second.isAlive() || fileStoresSettled(status(other)),
                () -> second.describe() + "\n" + status(other).describe());
        return second;
    }

    /**
     * Waits until {@code keyport}'s output names {@code directory}, or until it exits, and returns whether it named
     * it. A Keyport that keeps running without naming it fails the wait.
     */
    private static boolean awaitOutputNaming(KeyportProcess keyport, Path directory) {
        Poll.until(
                "the second Keyport's output to name " + directory,
                () -> names(keyport, directory) || !keyport.isAlive(),
                keyport::describe);
        return names(keyport, directory);
    }

    private static boolean names(KeyportProcess keyport, Path directory) {
        return (keyport.stdout() + keyport.stderr()).contains(directory.toString());
    }

    /** Returns whether every file store component in a status report is active or failed, and there are some. */
    private static boolean fileStoresSettled(CommandResult status) {
        List<String> states = new ArrayList<>();
        for (String line : status.stdout().split("\n")) {
            if (line.endsWith("FileStorageComponent")) {
                states.add(line.trim().replaceAll("\\s+\\S+$", ""));
            }
        }
        return !states.isEmpty() && states.stream().allMatch(s -> s.equals("active") || s.equals("failed activation"));
    }
}
