package io.keyport.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/** {@code keyport run} as a daemon on a bus: the name, {@code keyport status}, SIGTERM and a second instance. */
public class KeyportRunIT extends DistributionTestSupport {

    private static final Pattern EXPORT_LINE =
            Pattern.compile("^export DBUS_SESSION_BUS_ADDRESS='([^']+)'$", Pattern.MULTILINE);

    @Test
    public void runOwnsSecretsName() {
        Sandbox sandbox = sandboxWithBus();
        KeyportProcess keyport = startKeyport(sandbox, "run");

        awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, keyport);
        CommandResult reply = DBusSend.callBus(sandbox.busAddress(), "GetNameOwner", "string:" + SECRETS_NAME);

        assertEquals(reply.describe(), 0, reply.exitStatus());
        assertTrue(reply.describe(), reply.stdout().contains("string \":"));
    }

    @Test
    public void secretsNameOwnerIsKeyportProcess() {
        Sandbox sandbox = sandboxWithBus();
        KeyportProcess keyport = startKeyport(sandbox, "run");

        assertEquals(keyport.pid(), awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, keyport));
    }

    @Test
    public void runWithoutBusPrintsWorkingAddress() {
        Sandbox sandbox = sandboxWithoutBus();
        KeyportProcess keyport = startKeyport(sandbox, "run");

        String address = Poll.until(
                "the export line on stdout",
                () -> {
                    Matcher matcher = EXPORT_LINE.matcher(keyport.stdout());
                    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
                },
                keyport::describe);

        assertTrue(address, address.contains(sandbox.keyportRuntimeDirectory().toString()));
        assertEquals(keyport.pid(), awaitOwnerPid(address, SECRETS_NAME, keyport));
    }

    @Test
    public void statusReportsOwner() {
        Sandbox sandbox = sandboxWithBus();
        KeyportProcess keyport = startKeyport(sandbox, "run");
        awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, keyport);
        awaitControlSocket(sandbox, keyport);
        String owner = DBusSend.nameOwner(sandbox.busAddress(), SECRETS_NAME).orElseThrow();

        CommandResult status = KeyportProcess.run(tree, sandbox, "status");

        assertEquals(status.describe(), 0, status.exitStatus());
        assertTrue(status.describe(), status.stdout().contains(", pid " + keyport.pid() + ","));
        assertTrue(
                status.describe(),
                status.stdout().contains("Name: " + SECRETS_NAME + " owned by " + owner + " (this Keyport)"));
    }

    @Test
    public void statusReportsActiveBundles() {
        Sandbox sandbox = sandboxWithBus();
        KeyportProcess keyport = startKeyport(sandbox, "run");
        awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, keyport);
        awaitControlSocket(sandbox, keyport);

        CommandResult status = KeyportProcess.run(tree, sandbox, "status");
        List<String> bundles = new ArrayList<>();
        List<String> notActive = new ArrayList<>();
        for (String line : bundleSection(status.stdout())) {
            String[] fields = line.trim().split("\\s+");
            bundles.add(fields[1]);
            if (!fields[0].equals("active") && !fields[0].equals("fragment")) {
                notActive.add(line.trim());
            }
        }

        assertTrue(status.describe(), bundles.contains("io.keyport.bus"));
        assertTrue(status.describe(), bundles.contains("io.keyport.control"));
        assertEquals(status.describe(), List.of(), notActive);
    }

    @Test
    public void sigtermExitsZero() throws Exception {
        Sandbox sandbox = sandboxWithBus();
        KeyportProcess keyport = startKeyport(sandbox, "run");
        awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, keyport);
        awaitControlSocket(sandbox, keyport);

        int exitStatus = keyport.terminate();

        assertEquals(keyport.describe(), 0, exitStatus);
        assertFalse(keyport.describe(), Files.exists(sandbox.controlSocket()));
        assertEquals(Optional.empty(), DBusSend.nameOwner(sandbox.busAddress(), SECRETS_NAME));
    }

    @Test
    public void secondRunExitsFour() throws Exception {
        Sandbox sandbox = sandboxWithBus();
        KeyportProcess first = startKeyport(sandbox, "run");
        awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, first);

        KeyportProcess second = startKeyport(sandbox, "run");
        int exitStatus = second.awaitExit();

        assertEquals(second.describe(), 4, exitStatus);
        assertTrue(second.describe(), second.stderr().contains("pid " + first.pid()));
        assertEquals(first.pid(), awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, first));
    }

    @Test
    public void secondRunLeavesStatusOfFirst() throws Exception {
        Sandbox sandbox = sandboxWithBus();
        KeyportProcess first = startKeyport(sandbox, "run");
        awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, first);
        awaitControlSocket(sandbox, first);
        startKeyport(sandbox, "run").awaitExit();

        CommandResult status = KeyportProcess.run(tree, sandbox, "status");

        assertEquals(status.describe(), 0, status.exitStatus());
        assertTrue(status.describe(), status.stdout().contains(", pid " + first.pid() + ","));
    }

    @Test
    public void replaceTakesNameOver() throws Exception {
        Sandbox sandbox = sandboxWithBus();
        KeyportProcess first = startKeyport(sandbox, "run");
        awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, first);

        KeyportProcess second = startKeyport(sandbox, "run", "--replace");
        Poll.until(
                SECRETS_NAME + " to pass to the second Keyport",
                () -> DBusSend.ownerPid(sandbox.busAddress(), SECRETS_NAME).equals(OptionalLong.of(second.pid())),
                () -> first.describe() + "\n" + second.describe());
        int firstExitStatus = first.awaitExit();

        assertEquals(first.describe(), 0, firstExitStatus);
        assertTrue(second.describe(), second.isAlive());
        assertEquals(second.pid(), awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, second));
    }

    @Test
    public void replaceMovesStatusToSecond() throws Exception {
        Sandbox sandbox = sandboxWithBus();
        KeyportProcess first = startKeyport(sandbox, "run");
        awaitOwnerPid(sandbox.busAddress(), SECRETS_NAME, first);
        KeyportProcess second = startKeyport(sandbox, "run", "--replace");
        first.awaitExit();

        // The second Keyport binds the control socket once the first has released it, a moment later.
        CommandResult status = Poll.until(
                "keyport status answering after the takeover",
                () -> {
                    CommandResult result = runStatus(sandbox);
                    return result.exitStatus() == 0 ? java.util.Optional.of(result) : java.util.Optional.empty();
                },
                () -> runStatus(sandbox).describe());

        assertEquals(status.describe(), 0, status.exitStatus());
        assertTrue(status.describe(), status.stdout().contains(", pid " + second.pid() + ","));
    }

    private CommandResult runStatus(Sandbox sandbox) {
        try {
            return KeyportProcess.run(tree, sandbox, "status");
        } catch (Exception e) {
            throw new IllegalStateException("keyport status could not run", e);
        }
    }

    /** Returns the indented lines after "Bundles:" in the status report: state, symbolic name, version. */
    private static List<String> bundleSection(String report) {
        List<String> lines = new ArrayList<>();
        boolean inSection = false;
        for (String line : report.split("\n")) {
            if (line.startsWith("Bundles:")) {
                inSection = true;
            } else if (inSection && line.startsWith("  ")) {
                lines.add(line);
            } else {
                inSection = false;
            }
        }
        return lines;
    }
}
