package io.keyport.prompter.gui.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.JUnitCore;

/** Runs {@link SwingPrompterContract} with JUnit in a JVM whose {@code DISPLAY} is a fresh Xvfb server. */
public class SwingContractTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void swingPrompterPassesContract() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath,
                JUnitCore.class.getName(),
                SwingPrompterContract.class.getName());
        Path log = folder.newFile("contract.log").toPath();
        try (XvfbServer xvfb = XvfbServer.start()) {
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("DISPLAY", xvfb.display());
            builder.environment().remove("WAYLAND_DISPLAY");
            Process process = builder.start();
            boolean exited = process.waitFor(180, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue("the contract run timed out after 180 s; output:\n" + output, exited);
            assertEquals("the contract run failed; output:\n" + output, 0, process.exitValue());
            assertTrue("JUnit reported no passing run; output:\n" + output, output.contains("\nOK ("));
        }
    }
}
