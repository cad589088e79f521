package io.keyport.itests.interop;

import static org.junit.Assert.assertEquals;

import io.keyport.itests.CommandResult;
import java.util.Map;
import java.util.UUID;
import org.junit.Before;
import org.junit.Test;

/**
 * Debian's python3-secretstorage against the distribution, over both transfer algorithms: create, search,
 * read, relabel, change attributes and delete, through the resource script {@code secretstorage_client.py}.
 */
public class SecretStorageIT extends InteropTestSupport {

    private static final String MODULE = "secretstorage";
    private static final String PACKAGE = "python3-secretstorage";

    @Before
    public void startKeyport() {
        startCoreKeyport();
    }

    @Test
    public void dhSessionRoundTripsItem() {
        Map<String, String> steps = run("dh");

        assertEquals(steps.toString(), "True", steps.get("session-encrypted"));
        assertEquals(steps.toString(), "16", steps.get("parameters-length"));
        assertRoundTrip(steps);
    }

    @Test
    public void plainSessionRoundTripsItem() {
        Map<String, String> steps = run("plain");

        assertEquals(steps.toString(), "False", steps.get("session-encrypted"));
        assertEquals(steps.toString(), "0", steps.get("parameters-length"));
        assertRoundTrip(steps);
    }

    private Map<String, String> run(String algorithm) {
        String tag = UUID.randomUUID().toString();
        CommandResult result = runPython("secretstorage_client.py", MODULE, PACKAGE, algorithm, tag);
        assertEquals(result.describe(), 0, result.exitStatus());
        Map<String, String> steps = steps(result);
        steps.put("tag", tag);
        return steps;
    }

    private static void assertRoundTrip(Map<String, String> steps) {
        String tag = steps.get("tag");
        assertEquals(steps.toString(), "Session", steps.get("collection-label"));
        assertEquals(steps.toString(), "1", steps.get("found"));
        assertEquals(steps.toString(), "1", steps.get("found-service-wide"));
        assertEquals(steps.toString(), "secretstorage-value", steps.get("secret"));
        assertEquals(steps.toString(), "text/plain", steps.get("content-type"));
        assertEquals(steps.toString(), "True", steps.get("replaced-same-path"));
        assertEquals(steps.toString(), "replaced-value", steps.get("replaced-secret"));
        assertEquals(steps.toString(), "Renamed item", steps.get("label"));
        assertEquals(steps.toString(), "application=keyport-itests,tag=" + tag + ",user=bob", steps.get("attributes"));
        assertEquals(steps.toString(), "1", steps.get("found-bob"));
        assertEquals(steps.toString(), "0", steps.get("found-alice"));
        assertEquals(steps.toString(), "True", steps.get("binary-equal"));
        assertEquals(steps.toString(), "application/octet-stream", steps.get("binary-content-type"));
        assertEquals(steps.toString(), "0", steps.get("found-after-delete"));
    }
}
