package io.keyport.bus.internal;

import io.keyport.api.config.ConfigurationCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;
import org.freedesktop.dbus.connections.IDisconnectCallback;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects Keyport to its bus, registers the connection as a {@link DBusConnection} service for the
 * other bundles, and owns the well-known name for as long as the component is active.
 *
 * <p>The service carries the properties {@value #ADDRESS_PROPERTY}, {@value #PRIVATE_PROPERTY} and
 * {@value #NAME_PROPERTY}. At start, a failure to reach the bus or to own the name stops the daemon with the
 * launcher's exit status for it, because a Secret Service provider without its name serves no client. A changed
 * configuration is tried first: a new name is claimed, or a new bus connected and the name claimed there, before
 * the old one is given up, so a configuration that does not work is logged and changes nothing.
 */
@Component(immediate = true, configurationPid = BusConnectionComponent.PID)
@Designate(ocd = BusConfiguration.class)
public final class BusConnectionComponent {

    static final String PID = "io.keyport.bus";
    static final String ADDRESS_PROPERTY = "keyport.bus.address";
    static final String PRIVATE_PROPERTY = "keyport.bus.private";
    static final String NAME_PROPERTY = "keyport.bus.name";
    static final String REPLACE_PROPERTY = "keyport.bus.replace";
    /** Service property set to true once the well-known name is owned; services that face users wait for it. */
    static final String NAME_OWNED_PROPERTY = "keyport.bus.name.owned";
    /** Framework property that the launcher sets to true; the name is then claimed after its start signal. */
    static final String LAUNCHED_PROPERTY = "keyport.claim.after.start";
    /** Property of the service that the launcher registers once every bundle of the feature has started. */
    static final String STARTED_PROPERTY = "keyport.framework.started";

    private static final Logger LOG = LoggerFactory.getLogger(BusConnectionComponent.class);

    private final BundleContext context;
    private BusConfiguration configuration;
    /** The address that the configuration requests, or {@code null} for Keyport's private bus. */
    private String requestedAddress;

    private Link link;
    private volatile boolean stopping;
    private volatile ServiceListener startedListener;

    /** One bus connection with its service registration and, once claimed, the name it owns. */
    private static final class Link {
        final PrivateBusDaemon privateBus;
        final DBusConnection connection;
        final String address;
        final Hashtable<String, Object> properties = new Hashtable<>();
        ServiceRegistration<DBusConnection> registration;
        String ownedName;
        AutoCloseable nameLostHandler;
        volatile boolean retired;
        volatile boolean handedOver;

        Link(PrivateBusDaemon privateBus, DBusConnection connection, String address) {
            this.privateBus = privateBus;
            this.connection = connection;
            this.address = address;
        }
    }

    @Activate
    public BusConnectionComponent(
            BundleContext context, BusConfiguration configuration, Map<String, Object> properties) {
        this.context = context;
        this.configuration = configuration;
        ConfigurationCheck check = check(properties);
        if (!check.isValid()) {
            LOG.error("{}. Keyport starts without taking the name over", check.errorMessage());
        }
        try {
            requestedAddress = requestedAddress(configuration);
            checkName(configuration.name());
            link = open(requestedAddress);
            link.properties.put(NAME_PROPERTY, configuration.name());
            link.registration = context.registerService(DBusConnection.class, link.connection, link.properties);
        } catch (BusUnavailableException | IllegalArgumentException e) {
            fail(DaemonExit.BUS_UNAVAILABLE, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not set up the bus connection", e);
            fail(DaemonExit.BUS_UNAVAILABLE, "Could not set up the bus connection: " + e.getMessage());
        }
        if (link != null && link.registration != null) {
            claimWhenStarted();
        }
    }

    /**
     * Applies a changed configuration. A new name is claimed beside the old one before the old one is released. A
     * new bus is connected, and the name claimed there, before the old connection closes. When either fails, the
     * error is logged with the value and the fix, and Keyport keeps serving as before.
     */
    @Modified
    synchronized void modified(BusConfiguration next, Map<String, Object> properties) {
        if (link == null || stopping) {
            return;
        }
        ConfigurationCheck check = check(properties);
        if (!check.isValid()) {
            reject(check.errorMessage());
            return;
        }
        String address;
        try {
            address = requestedAddress(next);
            checkName(next.name());
        } catch (IOException | IllegalArgumentException e) {
            reject(e.getMessage());
            return;
        }
        if (!Objects.equals(address, requestedAddress)) {
            switchBus(next, address);
        } else if (!next.name().equals(configuration.name())) {
            rename(next);
        } else {
            configuration = next;
        }
    }

    private void switchBus(BusConfiguration next, String address) {
        Link replacement;
        try {
            replacement = open(address);
        } catch (BusUnavailableException e) {
            reject(e.getMessage());
            return;
        }
        replacement.properties.put(NAME_PROPERTY, next.name());
        if (link.ownedName != null) {
            try {
                own(replacement, next);
            } catch (NameClaim.NameTakenException | DBusException | RuntimeException e) {
                close(replacement, replacement.privateBus != link.privateBus);
                reject("Could not claim " + next.name() + " on the bus at " + replacement.address + ": "
                        + e.getMessage());
                return;
            }
        }
        Link previous = link;
        replacement.registration =
                context.registerService(DBusConnection.class, replacement.connection, replacement.properties);
        link = replacement;
        configuration = next;
        requestedAddress = address;
        close(previous, previous.privateBus != replacement.privateBus);
        LOG.info("Moved from the bus at {} to the bus at {}", previous.address, replacement.address);
    }

    private void rename(BusConfiguration next) {
        if (link.ownedName == null) {
            // The name is claimed once the launcher reports the start, and that claim reads this configuration.
            configuration = next;
            link.properties.put(NAME_PROPERTY, next.name());
            link.registration.setProperties(link.properties);
            return;
        }
        String previousName = link.ownedName;
        AutoCloseable previousHandler = link.nameLostHandler;
        try {
            own(link, next);
        } catch (NameClaim.NameTakenException | DBusException | RuntimeException e) {
            reject("Could not claim " + next.name() + ": " + e.getMessage());
            return;
        }
        closeQuietly(previousHandler);
        try {
            link.connection
                    .getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class)
                    .ReleaseName(previousName);
        } catch (DBusException | RuntimeException e) {
            LOG.warn("Could not release {}: {}", previousName, e.toString());
        }
        configuration = next;
        link.properties.put(NAME_PROPERTY, next.name());
        link.registration.setProperties(link.properties);
        LOG.info("Owning {} instead of {}", next.name(), previousName);
    }

    /**
     * Claims the name once the launcher reports every bundle of the feature started, with a service that
     * carries {@value #STARTED_PROPERTY}{@code =true}, so that the Secret Service objects and the engines'
     * collections are on the bus before the name is. D-Bus activation delivers the activating call the
     * moment the name is owned, and that call must not meet an empty service. Without that framework property
     * ({@value #LAUNCHED_PROPERTY}), as in tests, it claims at once.
     */
    private void claimWhenStarted() {
        // With --replace the name comes first: the Keyport being replaced only releases its stores once it
        // has lost the name, and this one's engines wait for them.
        if (replace(configuration) || !Boolean.parseBoolean(context.getProperty(LAUNCHED_PROPERTY))) {
            claim();
            return;
        }
        String filter = "(" + STARTED_PROPERTY + "=true)";
        ServiceListener listener = event -> {
            if (event.getType() == ServiceEvent.REGISTERED) {
                claim();
            }
        };
        try {
            context.addServiceListener(listener, filter);
            startedListener = listener;
            if (context.getServiceReferences((String) null, filter) != null) {
                claim();
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("Invalid filter " + filter, e);
        }
    }

    private synchronized void claim() {
        if (stopping || link == null || link.ownedName != null) {
            return;
        }
        try {
            own(link, configuration);
            link.registration.setProperties(link.properties);
            LOG.info("Owning {} as {} on {}", configuration.name(), link.connection.getUniqueName(), link.address);
        } catch (NameClaim.NameTakenException e) {
            fail(DaemonExit.NAME_TAKEN, e.getMessage());
        } catch (DBusException | RuntimeException e) {
            LOG.error("Could not claim {}", configuration.name(), e);
            fail(DaemonExit.BUS_UNAVAILABLE, "Could not claim " + configuration.name() + ": " + e.getMessage());
        }
    }

    @Deactivate
    synchronized void deactivate() {
        stopping = true;
        if (startedListener != null) {
            context.removeServiceListener(startedListener);
        }
        if (link != null) {
            // The Keyport that took the name over serves on the same private bus, so that bus stays up.
            close(link, !link.handedOver);
        }
    }

    /** Connects to {@code address}, or to Keyport's private bus when it is {@code null}, starting that bus. */
    private Link open(String address) throws BusUnavailableException {
        PrivateBusDaemon privateBus = null;
        if (address == null) {
            if (link != null && link.privateBus != null) {
                privateBus = link.privateBus;
            } else {
                try {
                    privateBus = PrivateBusDaemon.startOrReuse(runtimeDirectory());
                } catch (IOException e) {
                    throw new BusUnavailableException(
                            "Could not prepare the runtime directory for a private bus: " + e.getMessage(), e);
                }
            }
            address = privateBus.address();
            System.out.println("export DBUS_SESSION_BUS_ADDRESS='" + address + "'");
        }
        Link connected = new Link(privateBus, connect(address), address);
        try {
            connected.connection.exportObject(MessageLimit.PATH, new MessageLimit.Rejecter());
        } catch (DBusException e) {
            LOG.warn("Calls too large to read will get no reply: {}", e.toString());
        }
        connected.properties.put(ADDRESS_PROPERTY, address);
        connected.properties.put(PRIVATE_PROPERTY, privateBus != null);
        return connected;
    }

    /**
     * Connects to the bus. Losing the connection later stops the daemon with the bus-unavailable status,
     * because a provider without its bus serves no client and a supervisor can restart it once the bus is back.
     * A connection that a configuration change has replaced is not watched any more.
     */
    private DBusConnection connect(String address) throws BusUnavailableException {
        IDisconnectCallback onLoss = new IDisconnectCallback() {
            @Override
            public void disconnectOnError(IOException e) {
                Link current = link;
                if (!stopping && current != null && current.address.equals(address) && !current.retired) {
                    LOG.error("Lost the connection to the bus at {}: {}. Stopping Keyport.", address, e.toString());
                    System.err.println("keyport: lost the connection to the bus at " + address);
                    DaemonExit.request(context, DaemonExit.BUS_UNAVAILABLE);
                }
            }
        };
        try {
            return DBusConnectionBuilder.forAddress(address)
                    .withShared(false)
                    .withDisconnectCallback(onLoss)
                    .build();
        } catch (DBusException | RuntimeException e) {
            throw new BusUnavailableException(
                    "Could not connect to the bus at " + address + ": " + e.getMessage()
                            + ". Check the address in " + PID + " and DBUS_SESSION_BUS_ADDRESS, or leave both"
                            + " empty to let Keyport start a private bus.",
                    e);
        }
    }

    /** Claims the configured name on {@code target} and watches for losing it. */
    private void own(Link target, BusConfiguration claimed) throws DBusException, NameClaim.NameTakenException {
        String name = claimed.name();
        NameClaim claim = new NameClaim(target.connection, name);
        claim.claim(replace(claimed));
        target.nameLostHandler = target.connection.addSigHandler(DBus.NameLost.class, signal -> {
            if (name.equals(signal.name) && !target.retired && name.equals(target.ownedName)) {
                LOG.warn("Another process took over {}: {}. Stopping this Keyport.", name, claim.describeOwner());
                target.handedOver = true;
                DaemonExit.request(context, 0);
            }
        });
        target.ownedName = name;
        target.properties.put(NAME_PROPERTY, name);
        target.properties.put(NAME_OWNED_PROPERTY, true);
    }

    private static void close(Link closing, boolean closePrivateBus) {
        closing.retired = true;
        if (closing.registration != null) {
            try {
                closing.registration.unregister();
            } catch (IllegalStateException e) {
                LOG.debug("Bus connection service was already unregistered");
            }
        }
        closeQuietly(closing.nameLostHandler);
        closing.connection.disconnect();
        LOG.info("Disconnected from the bus at {}", closing.address);
        if (closing.privateBus != null && closePrivateBus) {
            closing.privateBus.close();
        }
    }

    private static void closeQuietly(AutoCloseable handler) {
        if (handler == null) {
            return;
        }
        try {
            handler.close();
        } catch (Exception e) {
            LOG.debug("Could not remove the NameLost handler", e);
        }
    }

    /**
     * Returns the address that {@code next} requests: its own, then the framework property, then
     * DBUS_SESSION_BUS_ADDRESS. Returns {@code null} for Keyport's private bus, which an address exported from an
     * earlier Keyport's private bus also means, so the clients that still hold it reach the new Keyport.
     */
    private String requestedAddress(BusConfiguration next) throws IOException {
        String address = firstNonBlank(
                next.address(), context.getProperty(ADDRESS_PROPERTY), System.getenv("DBUS_SESSION_BUS_ADDRESS"));
        if (address == null || address.equals(PrivateBusDaemon.addressIn(runtimeDirectory()))) {
            return null;
        }
        return address.trim();
    }

    private Path runtimeDirectory() throws IOException {
        return RuntimeDirectory.resolve(context);
    }

    private boolean replace(BusConfiguration claimed) {
        return Boolean.parseBoolean(firstNonBlank(claimed.replace(), context.getProperty(REPLACE_PROPERTY)));
    }

    /** Checks the types of the properties and the replace word, and logs a warning for unknown keys. */
    private static ConfigurationCheck check(Map<String, Object> properties) {
        ConfigurationCheck check = ConfigurationCheck.of(PID, BusConfiguration.class, properties);
        Object replace = properties.get("replace");
        if (replace != null && !replace.toString().isBlank()) {
            String word = replace.toString().trim();
            if (!word.equalsIgnoreCase("true") && !word.equalsIgnoreCase("false")) {
                check.reject("replace", "write true or false, or leave it empty");
            }
        }
        String unknown = check.unknownKeysMessage();
        if (!unknown.isEmpty()) {
            LOG.warn(unknown);
        }
        return check;
    }

    /** Checks the D-Bus rules for a well-known name, so that a typo is reported before anything changes. */
    static void checkName(String name) {
        if (!BusNames.isWellKnown(name)) {
            throw new IllegalArgumentException("Invalid bus name '" + name + "' in " + PID
                    + ": write a well-known name of two or more dot-separated elements of letters, digits, _ and -,"
                    + " such as org.freedesktop.secrets");
        }
    }

    private void reject(String message) {
        String current = link.ownedName == null ? "its current bus" : link.ownedName + " on " + link.address;
        LOG.error("Ignored the new {} configuration, so Keyport keeps {}: {}", PID, current, message);
        System.err.println("keyport: ignored the new " + PID + " configuration: " + message);
    }

    private void fail(int status, String message) {
        LOG.error(message);
        System.err.println("keyport: " + message);
        DaemonExit.request(context, status);
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
