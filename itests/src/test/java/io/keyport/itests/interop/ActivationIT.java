package io.keyport.itests.interop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.keyport.itests.CommandResult;
import io.keyport.itests.Commands;
import io.keyport.itests.DBusSend;
import io.keyport.itests.DistributionTestSupport;
import io.keyport.itests.Executables;
import io.keyport.itests.PrivateBus;
import io.keyport.itests.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * D-Bus activation of Keyport, as the distribution's {@code org.freedesktop.secrets.service} file sets it
 * up: the bus starts {@code bin/keyport} for the first call to the name and delivers that call as soon as
 * Keyport owns the name.
 */
public class ActivationIT extends DistributionTestSupport {

    private static final String SESSION_COLLECTION = "/org/freedesktop/secrets/collection/session";

    /** A JVM option that marks the activated Keyport's command line, to find the process afterwards. */
    private final String marker = "-Dkeyport.itests.activation=" + UUID.randomUUID();

    private Sandbox sandbox;
    private PrivateBus bus;
    private Path log;

    @Before
    public void startActivatingBus() throws Exception {
        sandbox = sandboxWithoutBus();
        Path busDirectory = Files.createDirectory(sandbox.root().resolve("activating-bus"));
        Path services = Files.createDirectory(sandbox.root().resolve("services"));
        log = sandbox.root().resolve("activated-keyport.log");
        Files.writeString(
                services.resolve(SECRETS_NAME + ".service"),
                "[D-BUS Service]\nName=" + SECRETS_NAME + "\nExec=" + execLine(PrivateBus.addressIn(busDirectory))
                        + "\n");
        bus = PrivateBus.startActivating(busDirectory, services);
    }

    @After
    public void stopActivatedKeyport() throws Exception {
        if (bus == null) {
            return;
        }
        OptionalLong owner = DBusSend.ownerPid(bus.address(), SECRETS_NAME);
        ProcessHandle.allProcesses()
                .filter(process -> (owner.isPresent() && process.pid() == owner.getAsLong())
                        || process.info().commandLine().orElse("").contains(marker))
                .forEach(process -> {
                    process.destroy();
                    try {
                        process.onExit().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        process.destroyForcibly();
                    }
                });
        bus.close();
    }

    @Test
    public void activatedKeyportServesFirstCall() throws Exception {
        CommandResult reply = Commands.run(
                DBusSend.sessionBus(bus.address()),
                List.of(
                        Executables.require(Executables.DBUS_SEND).toString(),
                        "--session",
                        "--print-reply",
                        "--dest=" + SECRETS_NAME,
                        "/org/freedesktop/secrets",
                        "org.freedesktop.Secret.Service.ReadAlias",
                        "string:session"));

        String state = reply.describe() + "\n--- activated Keyport:\n" + readLog();
        assertEquals(state, 0, reply.exitStatus());
        assertTrue(state, reply.stdout().contains("object path \"" + SESSION_COLLECTION + "\""));
    }

    /**
     * Returns the service file's Exec line: {@code bin/keyport run --feature core} in the sandbox, on the
     * activating bus, with its output in {@link #log}. The bus parses the line like a shell does.
     */
    private String execLine(String busAddress) {
        StringBuilder line = new StringBuilder("/usr/bin/env -u KEYPORT_FEATURE");
        for (Map.Entry<String, String> variable : sandbox.environment().entrySet()) {
            if (variable.getValue() != null) {
                line.append(' ').append(variable.getKey()).append('=').append(variable.getValue());
            }
        }
        line.append(" DBUS_SESSION_BUS_ADDRESS=").append(busAddress);
        line.append(" KEYPORT_JAVA_OPTS=").append(marker);
        line.append(" /bin/sh -c \"exec '")
                .append(launcher())
                .append("' run --feature core >'")
                .append(log)
                .append("' 2>&1\"");
        return line.toString();
    }

    private String readLog() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no output)";
        } catch (IOException e) {
            return "(" + log + " could not be read: " + e + ")";
        }
    }
}
