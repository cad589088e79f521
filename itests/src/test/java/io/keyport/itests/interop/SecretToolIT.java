package io.keyport.itests.interop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.keyport.itests.CommandResult;
import java.util.UUID;
import org.junit.Before;
import org.junit.Test;

/**
 * libsecret's {@code secret-tool} against the distribution: it negotiates
 * {@code dh-ietf1024-sha256-aes128-cbc-pkcs7} and stores in the session collection through its alias path.
 */
public class SecretToolIT extends InteropTestSupport {

    private final String service = "keyport-itests-" + UUID.randomUUID();

    @Before
    public void startKeyport() {
        startCoreKeyport();
    }

    @Test
    public void storeSucceeds() {
        CommandResult result = store("Tool label", "tool-secret");

        assertEquals(result.describe(), 0, result.exitStatus());
    }

    @Test
    public void lookupReturnsStoredSecret() {
        store("Tool label", "tool-secret");

        CommandResult result = secretTool("", "lookup", "service", service, "user", "alice");

        assertEquals(result.describe(), 0, result.exitStatus());
        assertEquals(result.describe(), "tool-secret", result.stdout());
    }

    @Test
    public void lookupMatchesSubsetOfAttributes() {
        store("Tool label", "tool-secret");

        CommandResult result = secretTool("", "lookup", "service", service);

        assertEquals(result.describe(), "tool-secret", result.stdout());
    }

    @Test
    public void lookupOfUnknownAttributesFindsNothing() {
        store("Tool label", "tool-secret");

        CommandResult result = secretTool("", "lookup", "service", service, "user", "bob");

        assertEquals(result.describe(), 1, result.exitStatus());
        assertEquals(result.describe(), "", result.stdout());
    }

    @Test
    public void storeWithSameAttributesReplacesSecret() {
        store("Tool label", "first");

        store("Tool label", "second");

        CommandResult search = secretTool("", "search", "--all", "service", service);
        assertEquals(
                search.describe(),
                "second",
                secretTool("", "lookup", "service", service).stdout());
        assertEquals(search.describe(), 1, count(search.stdout(), "secret = "));
    }

    @Test
    public void searchListsLabelSecretAndAttributes() {
        store("Tool label", "tool-secret");

        CommandResult result = secretTool("", "search", "--all", "service", service);
        String output = result.stdout() + result.stderr();

        assertEquals(result.describe(), 0, result.exitStatus());
        assertTrue(result.describe(), output.contains("label = Tool label"));
        assertTrue(result.describe(), output.contains("secret = tool-secret"));
        assertTrue(result.describe(), output.contains("attribute.service = " + service));
        assertTrue(result.describe(), output.contains("attribute.user = alice"));
    }

    @Test
    public void clearRemovesItem() {
        store("Tool label", "tool-secret");

        CommandResult clear = secretTool("", "clear", "service", service);
        CommandResult lookup = secretTool("", "lookup", "service", service, "user", "alice");

        assertEquals(clear.describe(), 0, clear.exitStatus());
        assertEquals(lookup.describe(), 1, lookup.exitStatus());
        assertFalse(lookup.describe(), lookup.stdout().contains("tool-secret"));
    }

    @Test
    public void clearLeavesOtherItems() {
        store("Tool label", "tool-secret");
        CommandResult other = secretTool(
                "other-secret", "store", "--collection=session", "--label=Other", "service", service, "user", "bob");

        secretTool("", "clear", "service", service, "user", "alice");

        assertEquals(other.describe(), 0, other.exitStatus());
        assertEquals(
                "other-secret",
                secretTool("", "lookup", "service", service, "user", "bob").stdout());
    }

    private CommandResult store(String label, String secret) {
        return secretTool(
                secret, "store", "--collection=session", "--label=" + label, "service", service, "user", "alice");
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int index = text.indexOf(part); index >= 0; index = text.indexOf(part, index + 1)) {
            count++;
        }
        return count;
    }
}
