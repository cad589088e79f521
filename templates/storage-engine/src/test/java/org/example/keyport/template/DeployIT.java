package org.example.keyport.template;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Installs the engine into a running Keyport, as an administrator would: its configuration into the watched
 * configuration directory and its jar into the watched deploy directory, and removes it again, all without a
 * restart. Keyport runs from the distribution in {@code keyport.home} on a private dbus-daemon.
 */
public class DeployIT {

    private static final String COLLECTION = "/org/freedesktop/secrets/collection/template_it";
    private static final long TIMEOUT_MILLIS = 30_000;

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Process bus;
    private Process keyport;
    private String busAddress;
    private Path config;
    private Path deploy;

    @Before
    public void startKeyport() throws Exception {
        Path home = Path.of(requiredProperty("keyport.home"));
        if (!Files.isExecutable(home.resolve("bin/keyport"))) {
            fail(home + "/bin/keyport is missing: build the Keyport distribution or set -Dkeyport.home=DIR");
        }
        Path root = folder.getRoot().toPath();
        config = Files.createDirectory(root.resolve("etc"));
        deploy = Files.createDirectory(root.resolve("deploy"));
        Path socket = root.resolve("bus");

        bus = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--print-address=1",
                        "--address=unix:path=" + socket)
                .redirectError(root.resolve("dbus.err").toFile())
                .start();
        busAddress = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (busAddress == null) {
            fail("dbus-daemon printed no address; see " + root.resolve("dbus.err"));
        }

        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/keyport").toString(), "run", "--feature",
                        "core", "--config", config.toString(), "--deploy", deploy.toString())
                .redirectOutput(root.resolve("keyport.out").toFile())
                .redirectError(root.resolve("keyport.err").toFile());
        builder.environment().put("DBUS_SESSION_BUS_ADDRESS", busAddress);
        builder.environment().put("XDG_RUNTIME_DIR", Files.createDirectory(root.resolve("run")).toString());
        builder.environment().put("XDG_DATA_HOME", Files.createDirectory(root.resolve("data")).toString());
        keyport = builder.start();
        await("Keyport owns org.freedesktop.secrets", () -> dbus("org.freedesktop.DBus", "/",
                        "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets")
                .contains("boolean true"));
    }

    @After
    public void stopKeyport() throws Exception {
        for (Process process : new Process[] {keyport, bus}) {
            if (process != null) {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    @Test
    public void engineInstallsAndUninstallsWhileRunning() throws Exception {
        Files.writeString(config.resolve(TemplateStorageEngine.FACTORY_PID + "-it.cfg"),
                "keyport.engine.name=template-it\ncollection.id=template_it\ncollection.label=Deployed\n");
        Path jar = deploy.resolve("engine.jar");
        Files.copy(Path.of(requiredProperty("engine.jar")), jar, StandardCopyOption.REPLACE_EXISTING);

        await("collection " + COLLECTION + " is served", () -> collections().contains(COLLECTION));

        Files.delete(jar);

        await("collection " + COLLECTION + " is gone", () -> !collections().contains(COLLECTION));
        assertTrue("Keyport stopped while the engine was removed", keyport.isAlive());
    }

    private String collections() {
        return dbus("org.freedesktop.secrets", "/org/freedesktop/secrets", "org.freedesktop.DBus.Properties.Get",
                "string:org.freedesktop.Secret.Service", "string:Collections");
    }

    /** Calls a method with dbus-send and returns its output, or an empty string when the call failed. */
    private String dbus(String destination, String path, String method, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("dbus-send", "--bus=" + busAddress,
                "--print-reply", "--dest=" + destination, path, method));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor() == 0 ? output : "";
        } catch (IOException e) {
            throw new IllegalStateException("dbus-send could not run: install the Debian package dbus-bin", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private void await(String condition, BooleanSupplier check) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (!check.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("Timed out after " + TIMEOUT_MILLIS + " ms waiting until " + condition + "; see the logs in "
                        + folder.getRoot());
            }
            if (!keyport.isAlive()) {
                fail("Keyport exited with status " + keyport.exitValue() + " before " + condition + "; see "
                        + folder.getRoot());
            }
            Thread.sleep(200);
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            fail("System property " + name + " is not set; the pom passes it to failsafe");
        }
        return value;
    }
}
