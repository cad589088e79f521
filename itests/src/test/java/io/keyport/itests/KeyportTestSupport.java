package io.keyport.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import io.keyport.itests.DistributionTree.FeatureBundleFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.junit.After;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * Base of the Pax Exam tests: boots the distribution's core feature, bundle by bundle with its start
 * orders, in a Felix of the test JVM, connected to a private {@code dbus-daemon}.
 *
 * <p>{@link #configuration()} runs in the Pax Exam driver. The tests and their {@code @Before} and
 * {@code @After} methods run inside the framework, in a probe bundle that imports packages
 * dynamically. The two do not share static state, so the tests read the bus address and the runtime
 * directory from framework properties.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class KeyportTestSupport {

    protected static final String SECRETS_NAME = "org.freedesktop.secrets";
    protected static final String FEATURE = "core";

    static final String BUS_ADDRESS_PROPERTY = "keyport.bus.address";
    static final String RUNTIME_DIRECTORY_PROPERTY = "keyport.runtime.dir";

    @Inject
    protected BundleContext bundleContext;

    private final List<DBusConnection> clients = new ArrayList<>();

    @Configuration
    public Option[] configuration() {
        DistributionTree tree = DistributionTree.located();
        ContainerEnvironment environment = ContainerEnvironment.create(tree, FEATURE, SharedBus.address());

        List<Option> options = new ArrayList<>();
        for (FeatureBundleFile entry : tree.bundles(FEATURE)) {
            options.add(bundle("reference:" + entry.file().toUri())
                    .startLevel(entry.startLevel())
                    .start(!entry.fragment()));
        }
        options.add(junitBundles());
        for (Map.Entry<String, String> property :
                environment.frameworkProperties().entrySet()) {
            options.add(frameworkProperty(property.getKey()).value(property.getValue()));
        }
        options.add(systemProperty("logback.configurationFile")
                .value(tree.etc().resolve("logback.xml").toString()));
        return options.toArray(new Option[0]);
    }

    @After
    public void closeClients() {
        for (DBusConnection client : clients) {
            client.disconnect();
        }
        clients.clear();
    }

    /** Returns the address of the private bus that the container's Keyport serves. */
    protected String busAddress() {
        return bundleContext.getProperty(BUS_ADDRESS_PROPERTY);
    }

    /** Returns the runtime directory of the container's Keyport, which contains its control socket. */
    protected String runtimeDirectory() {
        return bundleContext.getProperty(RUNTIME_DIRECTORY_PROPERTY);
    }

    /** Opens a bus connection of the test's own, closed after the test. */
    protected DBusConnection openClient() throws DBusException {
        DBusConnection client =
                DBusConnectionBuilder.forAddress(busAddress()).withShared(false).build();
        clients.add(client);
        return client;
    }

    /** Returns a proxy of the bus daemon itself ({@code org.freedesktop.DBus}) on {@code client}. */
    protected static DBus busDaemon(DBusConnection client) throws DBusException {
        return client.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
    }

    /** Waits until {@code name} has an owner on the private bus, and returns the owner's unique name. */
    protected String awaitOwner(String name) throws DBusException {
        DBus bus = busDaemon(openClient());
        return Poll.until(
                name + " to be owned on " + busAddress(),
                () -> {
                    try {
                        return Optional.of(bus.GetNameOwner(name));
                    } catch (DBusExecutionException e) {
                        return Optional.empty();
                    }
                },
                () -> "Names on the bus: " + String.join(", ", bus.ListNames()));
    }

    /**
     * Runs a native client such as {@code dbus-send} or {@code secret-tool} against the private bus,
     * with {@code DBUS_SESSION_BUS_ADDRESS} set to it.
     */
    protected CommandResult runOnBus(String... command) {
        return Commands.run(DBusSend.sessionBus(busAddress()), List.of(command));
    }
}
