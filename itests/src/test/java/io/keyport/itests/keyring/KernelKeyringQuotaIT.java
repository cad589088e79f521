package io.keyport.itests.keyring;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import io.keyport.itests.CommandResult;
import io.keyport.itests.Executables;
import io.keyport.itests.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Kernel key quota exhaustion through the whole stack: bus, Keyport and secret-tool all run as user {@code nobody},
 * whose quota is the non-root default (maxbytes 20000 here), so a few 8000-byte secrets exhaust it. No sysctl
 * changes. The test invalidates the keys right after, which returns the quota.
 */
public class KernelKeyringQuotaIT {

    private static final String COLLECTION_PATH = "/org/freedesktop/secrets/collection/kernel";
    private static final int SECRET_BYTES = 8000;
    private static final long MAX_BYTES_TESTED = 200_000;

    private final Keyctl keyctl = Keyctl.asUser(UnprivilegedUser.NOBODY);
    private UnprivilegedStack stack;

    @Before
    public void startStack() throws Exception {
        UnprivilegedUser.assumeAvailable();
        Keyctl.require();
        long maxBytes = Long.parseLong(
                Files.readString(Path.of("/proc/sys/kernel/keys/maxbytes")).trim());
        assumeTrue("maxbytes is " + maxBytes + ", too large to fill quickly", maxBytes <= MAX_BYTES_TESTED);
        stack = UnprivilegedStack.start(
                UnprivilegedUser.NOBODY, Map.of("name", "quota_it", "keyring", "user", "collections", "kernel=Kernel"));
        Poll.until("collection kernel to be served", () -> stack.serves(COLLECTION_PATH), stack::describe);
    }

    @After
    public void stopStack() throws Exception {
        if (stack != null) {
            stack.stopKeyport();
            keyctl.search("@u", "keyring", "keyport:collection:quota_it:kernel").ifPresent(keyctl::invalidateTree);
            stack.close();
        }
    }

    @Test
    public void exhaustedQuotaFailsStoreWithClearLogLine() {
        List<String> stored = new ArrayList<>();
        CommandResult failure = null;
        for (int i = 0; i < MAX_BYTES_TESTED / SECRET_BYTES + 5 && failure == null; i++) {
            String secret = String.valueOf((char) ('a' + i % 26)).repeat(SECRET_BYTES);
            CommandResult result = stack.run(
                    List.of(
                            Executables.require(Executables.SECRET_TOOL).toString(),
                            "store",
                            "--collection=" + COLLECTION_PATH,
                            "--label=Fill " + i,
                            "service",
                            "quota",
                            "n",
                            "" + i),
                    secret);
            if (result.exitStatus() == 0) {
                stored.add(secret);
            } else {
                failure = result;
            }
        }

        assertTrue(stack.describe(), failure != null);
        assertTrue(failure.describe(), failure.stderr().contains("failed in the storage engine"));
        Poll.until(
                "the quota error in Keyport's log", () -> stack.keyportOutput().contains("(EDQUOT)"), stack::describe);
        assertTrue(
                stack.keyportOutput(),
                stack.keyportOutput()
                        .contains("the kernel key quota is exhausted: see"
                                + " /proc/sys/kernel/keys/maxkeys and maxbytes"));
        assertNotEquals("at least one secret fits the quota", 0, stored.size());
        int keyring = keyctl.search("@u", "keyring", "keyport:collection:quota_it:kernel")
                .orElseThrow();
        Map<String, Integer> keys = keyctl.list(keyring);
        assertEquals(keys.toString(), 1 + 2 * stored.size(), keys.size());
        for (int i = 0; i < stored.size(); i++) {
            CommandResult lookup = stack.run(
                    List.of(
                            Executables.require(Executables.SECRET_TOOL).toString(),
                            "lookup",
                            "service",
                            "quota",
                            "n",
                            "" + i),
                    "");
            assertEquals(lookup.describe(), stored.get(i), lookup.stdout());
        }
    }
}
