package io.keyport.itests.storage;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.keyport.itests.CommandResult;
import io.keyport.itests.DBusSend;
import io.keyport.itests.KeyportProcess;
import io.keyport.itests.Sandbox;
import io.keyport.itests.storage.SecretClient.FoundItem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

/**
 * A second file store added and removed through its configuration file while Keyport runs: its collection comes
 * and goes with signals, comes back with its items, and the daemon and other clients' sessions carry on.
 */
public class FileStoreHotSwapIT extends FileStoreTestSupport {

    private static final String EXTRA_PASSPHRASE = "extra store passphrase";
    private static final Map<String, String> EXTRA_ATTRIBUTES = Map.of("hot-swap", "extra");
    private static final byte[] EXTRA_SECRET = "secret in the extra store".getBytes(StandardCharsets.UTF_8);

    /**
     * A running Keyport whose extra store serves collection Extra with one item, a client watching it, and whether
     * that client saw CollectionCreated for Extra.
     */
    private record Swap(
            Sandbox sandbox,
            KeyportProcess keyport,
            Path config,
            Path extraDirectory,
            SecretClient watcher,
            String extraPath,
            String extraItem,
            boolean createdOnAdd) {}

    @Test
    public void removedStoreReturnsWithItems() throws Exception {
        Swap swap = addExtraStore();

        Files.delete(swap.config().resolve(EXTRA_CONFIGURATION));
        boolean deletedOnRemoval = swap.watcher().awaitSignal("CollectionDeleted", swap.extraPath());
        List<String> servedWhileRemoved = swap.watcher().collectionPaths();
        writeExtraStore(swap.config(), swap.extraDirectory());
        boolean createdOnReturn = swap.watcher().awaitSignal("CollectionCreated", swap.extraPath());
        CommandResult unlock = keyportCommand(swap.sandbox(), EXTRA_PASSPHRASE, "unlock", "--stdin", "Extra");
        List<FoundItem> found = swap.watcher().search(EXTRA_ATTRIBUTES);

        assertTrue("CollectionCreated when the store was added", swap.createdOnAdd());
        assertTrue("CollectionDeleted when the store was removed", deletedOnRemoval);
        assertFalse(servedWhileRemoved.toString(), servedWhileRemoved.contains(swap.extraPath()));
        assertTrue("CollectionCreated when the store returned", createdOnReturn);
        assertEquals(unlock.describe(), 0, unlock.exitStatus());
        assertEquals(
                found.toString(),
                List.of(swap.extraItem()),
                found.stream().map(FoundItem::path).toList());
        assertArrayEquals(EXTRA_SECRET, found.get(0).secret());
    }

    @Test
    public void swapKeepsNameAndSession() throws Exception {
        Swap swap = addExtraStore();
        String owner =
                DBusSend.nameOwner(swap.sandbox().busAddress(), SECRETS_NAME).orElseThrow();

        Files.delete(swap.config().resolve(EXTRA_CONFIGURATION));
        swap.watcher().awaitSignal("CollectionDeleted", swap.extraPath());
        Optional<String> ownerWhileRemoved = DBusSend.nameOwner(swap.sandbox().busAddress(), SECRETS_NAME);
        byte[] whileRemoved = storeAndReadInLogin(swap.watcher(), "while-removed");
        writeExtraStore(swap.config(), swap.extraDirectory());
        swap.watcher().awaitSignal("CollectionCreated", swap.extraPath());
        Optional<String> ownerAfterReturn = DBusSend.nameOwner(swap.sandbox().busAddress(), SECRETS_NAME);
        byte[] afterReturn = storeAndReadInLogin(swap.watcher(), "after-return");

        assertEquals(Optional.of(owner), ownerWhileRemoved);
        assertEquals(Optional.of(owner), ownerAfterReturn);
        assertArrayEquals(secretFor("while-removed"), whileRemoved);
        assertArrayEquals(secretFor("after-return"), afterReturn);
        assertTrue(swap.keyport().describe(), swap.keyport().isAlive());
    }

    /**
     * Starts Keyport with a copy of etc/, opens the watching client's session, adds the extra store and creates
     * collection Extra in it through CreateCollection and the prompt agent, with one item.
     */
    private Swap addExtraStore() throws Exception {
        Sandbox sandbox = sandboxWithBus();
        Path config = copyEtc(sandbox);
        Path extraDirectory = sandbox.root().resolve("extra-store");
        KeyportProcess keyport = startUnlocked(sandbox, "--config", config.toString());
        SecretClient watcher = secretClient(sandbox);
        byte[] before = storeAndReadInLogin(watcher, "before");
        assertArrayEquals("the watcher's session works before the swap", secretFor("before"), before);
        PromptAgentTerminal agent = promptAgent(sandbox);

        writeExtraStore(config, extraDirectory);
        awaitFileStores(sandbox, keyport, 2);
        SecretClient creator = secretClient(sandbox);
        creator.requestCollection("Extra");
        agent.answerNewPassphrase("Extra", EXTRA_PASSPHRASE);
        String extraPath = creator.awaitCreatedCollection();
        String extraItem = creator.store(extraPath, "extra item", EXTRA_ATTRIBUTES, EXTRA_SECRET, "text/plain");
        // Consumed here, so that a later wait for CollectionCreated matches only the signal of the return.
        boolean createdOnAdd = watcher.awaitSignal("CollectionCreated", extraPath);
        return new Swap(sandbox, keyport, config, extraDirectory, watcher, extraPath, extraItem, createdOnAdd);
    }

    /** Stores an item in login through {@code client}'s session and reads its secret back through it. */
    private static byte[] storeAndReadInLogin(SecretClient client, String step) {
        Map<String, String> attributes = Map.of("hot-swap", "login-" + step);
        client.store(LOGIN_PATH, step, attributes, secretFor(step), "text/plain");
        List<FoundItem> found = client.search(attributes);
        return found.size() == 1 ? found.get(0).secret() : null;
    }

    private static byte[] secretFor(String step) {
        return ("login secret " + step).getBytes(StandardCharsets.UTF_8);
    }
}
