package io.keyport.itests;

/**
 * The private bus of the Pax Exam tests: one {@code dbus-daemon} per test JVM, started by the first
 * test class that needs it and stopped when the JVM exits.
 */
final class SharedBus {

    private static PrivateBus bus;

    private SharedBus() {}

    /** Returns the address of the shared bus, starting it on the first call. */
    static synchronized String address() {
        if (bus == null) {
            PrivateBus started = PrivateBus.start(TemporaryDirectories.create("bus-"));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "keyport-itests-bus"));
            bus = started;
        }
        return bus.address();
    }
}
