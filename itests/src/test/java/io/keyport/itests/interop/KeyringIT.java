package io.keyport.itests.interop;

import static org.junit.Assert.assertEquals;

import io.keyport.itests.CommandResult;
import java.util.Map;
import java.util.UUID;
import org.junit.Before;
import org.junit.Test;

/**
 * Debian's python3-keyring with its SecretService backend against the distribution. The backend stores in
 * the default collection, so the test first points the {@code default} alias at the session collection.
 */
public class KeyringIT extends InteropTestSupport {

    private static final String MODULE = "keyring.backends.SecretService";
    private static final String PACKAGE = "python3-keyring";

    private final String service = "keyport-itests-" + UUID.randomUUID();
    private Map<String, String> steps;

    @Before
    public void runKeyring() {
        startCoreKeyport();
        pointDefaultAliasAtSession();
        CommandResult result = runPython("keyring_client.py", MODULE, PACKAGE, service, "alice", "pässwörd-" + service);
        assertEquals(result.describe(), 0, result.exitStatus());
        steps = steps(result);
    }

    @Test
    public void backendIsAvailable() {
        assertEquals(steps.toString(), "5", steps.get("priority"));
    }

    @Test
    public void getPasswordReturnsStoredPassword() {
        assertEquals(steps.toString(), "pässwörd-" + service, steps.get("get"));
    }

    @Test
    public void setPasswordStoresKeyringAttributes() {
        assertEquals(steps.toString(), "1", steps.get("items"));
        assertEquals(
                steps.toString(),
                "application=Python keyring library,service=" + service + ",username=alice",
                steps.get("attributes"));
    }

    @Test
    public void setPasswordAgainReplacesItem() {
        assertEquals(steps.toString(), "pässwörd-" + service + "-changed", steps.get("get-after-change"));
        assertEquals(steps.toString(), "1", steps.get("items-after-change"));
    }

    @Test
    public void deletePasswordRemovesPassword() {
        assertEquals(steps.toString(), "None", steps.get("get-after-delete"));
    }
}
