package io.keyport.itests.interop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.keyport.itests.CommandResult;
import io.keyport.itests.Poll;
import org.junit.Test;

/**
 * A client sends a call far larger than Keyport's message limit: Keyport skips it without holding it in memory,
 * replies to it with {@code LimitsExceeded}, logs its size, and keeps serving the other clients.
 */
public class OversizedMessageIT extends InteropTestSupport {

    @Test
    public void oversizedCallIsRejectedAndOthersServed() {
        startCoreKeyport();

        CommandResult oversized = runPython("oversized_call.py", "jeepney", "python3-jeepney", "20", "5");

        assertEquals(oversized.describe(), 0, oversized.exitStatus());
        assertEquals(
                oversized.describe(),
                "reply org.freedesktop.DBus.Error.LimitsExceeded",
                oversized.stdout().strip());
        Poll.until(
                "Keyport to log the skipped message",
                () -> keyport.stderr().contains("Skipped a D-Bus message of "),
                keyport::describe);
        assertTrue(keyport.describe(), keyport.isAlive());
        CommandResult stored = secretTool(
                "after the large call", "store", "--collection=session", "--label=after", "service", "oversized");
        assertEquals(stored.describe(), 0, stored.exitStatus());
        CommandResult lookup = secretTool("", "lookup", "service", "oversized");
        assertEquals(lookup.describe(), "after the large call", lookup.stdout());
    }

    @Test
    public void callWithinLimitGetsReply() {
        startCoreKeyport();

        CommandResult call = runPython("oversized_call.py", "jeepney", "python3-jeepney", "1", "20");

        assertEquals(call.describe(), 0, call.exitStatus());
        assertTrue(call.describe(), call.stdout().startsWith("reply "));
        assertTrue(call.describe(), !call.stdout().contains("reply none"));
    }
}
