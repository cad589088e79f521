package io.keyport.itests;

import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.After;
import org.junit.Before;

/**
 * Base of the tests that run the distribution's {@code bin/keyport} as a process. Every sandbox and
 * process that a test creates through it is stopped and removed after the test, also when it fails.
 */
public abstract class DistributionTestSupport {

    protected static final String SECRETS_NAME = "org.freedesktop.secrets";

    protected DistributionTree tree;

    private final List<Sandbox> sandboxes = new ArrayList<>();
    private final List<KeyportProcess> processes = new ArrayList<>();

    @Before
    public void locateTree() {
        tree = DistributionTree.located();
    }

    @After
    public void stopEverything() throws InterruptedException {
        List<KeyportProcess> newestFirst = new ArrayList<>(processes);
        Collections.reverse(newestFirst);
        for (KeyportProcess process : newestFirst) {
            process.close();
        }
        for (Sandbox sandbox : sandboxes) {
            sandbox.close();
        }
    }

    /** Creates a sandbox with a private bus of its own, in {@code DBUS_SESSION_BUS_ADDRESS}. */
    protected Sandbox sandboxWithBus() {
        Sandbox sandbox = Sandbox.withBus();
        sandboxes.add(sandbox);
        return sandbox;
    }

    /** Creates a sandbox without {@code DBUS_SESSION_BUS_ADDRESS}, where Keyport starts its own bus. */
    protected Sandbox sandboxWithoutBus() {
        Sandbox sandbox = Sandbox.withoutBus();
        sandboxes.add(sandbox);
        return sandbox;
    }

    /** Returns the distribution's {@code bin/keyport}, for tests that start it by other means. */
    protected Path launcher() {
        return tree.launcher();
    }

    /**
     * Creates a sandbox with a private bus and runtime directory of its own that shares {@code other}'s
     * {@code XDG_DATA_HOME}, as a second login of the same user on another bus would.
     */
    protected Sandbox sandboxWithBusSharingData(Sandbox other) {
        Sandbox sandbox = Sandbox.withBusSharingData(other);
        sandboxes.add(sandbox);
        return sandbox;
    }

    /** Starts {@code bin/keyport ARGUMENTS} in {@code sandbox}. The process is stopped after the test. */
    protected KeyportProcess startKeyport(Sandbox sandbox, String... arguments) {
        return startKeyportWithInput(sandbox, null, arguments);
    }

    /**
     * Starts {@code bin/keyport ARGUMENTS} in {@code sandbox} with {@code input} on its standard input, such as
     * the passphrase for {@code --unlock-stdin}. The process is stopped after the test.
     */
    protected KeyportProcess startKeyportWithInput(Sandbox sandbox, byte[] input, String... arguments) {
        KeyportProcess process = KeyportProcess.start(tree, sandbox, input, arguments);
        processes.add(process);
        return process;
    }

    /**
     * Waits until {@code name} is owned on the bus at {@code address}, and returns the owner's pid.
     * Fails at once when {@code keyport} exits in the meantime.
     */
    protected static long awaitOwnerPid(String address, String name, KeyportProcess keyport) {
        return Poll.until(
                name + " to be owned on " + address,
                () -> {
                    failIfExited(keyport);
                    OptionalLong pid = DBusSend.ownerPid(address, name);
                    return pid.isPresent() ? Optional.of(pid.getAsLong()) : Optional.empty();
                },
                keyport::describe);
    }

    /** Waits until {@code keyport}'s control socket exists, so that {@code keyport status} can reach it. */
    protected static void awaitControlSocket(Sandbox sandbox, KeyportProcess keyport) {
        Poll.until(
                sandbox.controlSocket() + " to exist",
                () -> {
                    failIfExited(keyport);
                    return Files.exists(sandbox.controlSocket());
                },
                keyport::describe);
    }

    private static void failIfExited(KeyportProcess keyport) {
        if (!keyport.isAlive()) {
            fail("Keyport exited early.\n" + keyport.describe());
        }
    }
}
