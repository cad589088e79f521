package io.keyport.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** {@code bin/keyport} options and commands that end at once, and their exit statuses. */
public class CommandLineIT extends DistributionTestSupport {

    @Test
    public void helpExitsZero() {
        CommandResult result = KeyportProcess.run(tree, sandboxWithoutBus(), "--help");

        assertEquals(result.describe(), 0, result.exitStatus());
    }

    @Test
    public void helpPrintsUsage() {
        CommandResult result = KeyportProcess.run(tree, sandboxWithoutBus(), "--help");

        assertTrue(result.describe(), result.stdout().startsWith("Usage: keyport"));
    }

    @Test
    public void versionExitsZero() {
        CommandResult result = KeyportProcess.run(tree, sandboxWithoutBus(), "--version");

        assertEquals(result.describe(), 0, result.exitStatus());
    }

    @Test
    public void versionPrintsProjectVersion() {
        CommandResult result = KeyportProcess.run(tree, sandboxWithoutBus(), "--version");

        assertEquals(
                result.describe(),
                "keyport " + System.getProperty("keyport.version"),
                result.stdout().trim());
    }

    @Test
    public void unknownOptionExitsTwo() {
        CommandResult result = KeyportProcess.run(tree, sandboxWithoutBus(), "--no-such-option");

        assertEquals(result.describe(), 2, result.exitStatus());
    }

    @Test
    public void unknownOptionIsNamed() {
        CommandResult result = KeyportProcess.run(tree, sandboxWithoutBus(), "--no-such-option");

        assertTrue(result.describe(), result.stderr().contains("--no-such-option"));
    }

    @Test
    public void unknownFeatureExitsSix() {
        CommandResult result = KeyportProcess.run(tree, sandboxWithoutBus(), "run", "--feature", "no-such-feature");

        assertEquals(result.describe(), 6, result.exitStatus());
    }

    @Test
    public void unknownFeatureNamesFile() {
        CommandResult result = KeyportProcess.run(tree, sandboxWithoutBus(), "run", "--feature", "no-such-feature");

        assertTrue(
                result.describe(),
                result.stderr().contains(tree.featureFile("no-such-feature").toString()));
    }

    @Test
    public void statusWithoutDaemonExitsFive() {
        CommandResult result = KeyportProcess.run(tree, sandboxWithoutBus(), "status");

        assertEquals(result.describe(), 5, result.exitStatus());
    }
}
