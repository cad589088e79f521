package io.keyport.itests.storage;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.keyport.itests.CommandResult;
import io.keyport.itests.KeyportProcess;
import io.keyport.itests.Sandbox;
import io.keyport.itests.storage.SecretClient.FoundItem;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * A restart without {@code --unlock-stdin} serves login from its file, locked: clients see the items but no
 * secret, and {@code keyport status} reports the lock.
 */
public class LockedStartIT extends FileStoreTestSupport {

    @Test
    public void loginServedLocked() throws Exception {
        Sandbox sandbox = restartedLocked();
        SecretClient client = secretClient(sandbox);

        boolean locked = client.isLocked(LOGIN_PATH);
        List<FoundItem> found = client.search(Map.of("service", "locked", "user", "alice"));
        CommandResult status = status(sandbox);

        assertTrue("login's Locked property", locked);
        assertEquals(found.toString(), 1, found.size());
        assertTrue("the item is listed as locked", found.get(0).locked());
        assertEquals(status.describe(), 0, status.exitStatus());
        assertEquals(collectionsReport(status), List.of("locked"), collectionStates(status, "login"));
    }

    @Test
    public void secretToolGetsNoSecret() throws Exception {
        Sandbox sandbox = restartedLocked();

        CommandResult lookup = secretTool(sandbox, "", "lookup", "service", "locked", "user", "alice");

        assertNotEquals(lookup.describe(), 0, lookup.exitStatus());
        assertEquals(lookup.describe(), "", lookup.stdout());
    }

    /** Stores a secret in login, stops Keyport, and starts it again without a passphrase. */
    private Sandbox restartedLocked() throws InterruptedException {
        Sandbox sandbox = sandboxWithBus();
        KeyportProcess first = startUnlocked(sandbox);
        CommandResult stored =
                secretTool(sandbox, "hunter2", "store", "--label=locked", "service", "locked", "user", "alice");
        assertEquals(stored.describe(), 0, stored.exitStatus());
        assertEquals(first.describe(), 0, first.terminate());
        KeyportProcess second = startLocked(sandbox);
        awaitControlSocket(sandbox, second);
        return sandbox;
    }
}
