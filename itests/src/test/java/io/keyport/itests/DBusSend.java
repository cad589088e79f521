package io.keyport.itests;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a bus daemon about its names through {@code dbus-send}, the command-line client of the reference D-Bus implementation, with
 * {@code DBUS_SESSION_BUS_ADDRESS} set to the bus under test.
 */
public final class DBusSend {

    private static final Pattern STRING_REPLY = Pattern.compile("^\\s*string \"([^\"]*)\"", Pattern.MULTILINE);
    private static final Pattern UINT32_REPLY = Pattern.compile("^\\s*uint32 (\\d+)", Pattern.MULTILINE);

    private DBusSend() {}

    /**
     * Calls {@code org.freedesktop.DBus.METHOD} on the bus daemon at {@code address}, for example
     * {@code GetNameOwner string:org.freedesktop.secrets}.
     */
    public static CommandResult callBus(String address, String method, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Executables.require(Executables.DBUS_SEND).toString(),
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus." + method));
        command.addAll(List.of(arguments));
        return Commands.run(sessionBus(address), command);
    }

    /** Returns the unique name of the connection that owns {@code name}, if any does. */
    public static Optional<String> nameOwner(String address, String name) {
        CommandResult result = callBus(address, "GetNameOwner", "string:" + name);
        Matcher matcher = STRING_REPLY.matcher(result.stdout());
        return result.exitStatus() == 0 && matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Returns the pid of the process that owns {@code name}, if any does. */
    public static OptionalLong ownerPid(String address, String name) {
        CommandResult result = callBus(address, "GetConnectionUnixProcessID", "string:" + name);
        Matcher matcher = UINT32_REPLY.matcher(result.stdout());
        return result.exitStatus() == 0 && matcher.find()
                ? OptionalLong.of(Long.parseLong(matcher.group(1)))
                : OptionalLong.empty();
    }

    /** Environment changes that point a D-Bus client at the bus {@code address}. */
    public static Map<String, String> sessionBus(String address) {
        Map<String, String> environment = new HashMap<>();
        environment.put("DBUS_SESSION_BUS_ADDRESS", address);
        return environment;
    }
}
