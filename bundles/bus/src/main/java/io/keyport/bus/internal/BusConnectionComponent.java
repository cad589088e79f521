package io.keyport.bus.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects Keyport to its bus, registers the connection as a {@link DBusConnection} service for the
 * other bundles, and owns the well-known name for as long as the component is active.
 *
 * <p>The service carries the properties {@value #ADDRESS_PROPERTY}, {@value #PRIVATE_PROPERTY} and
 * {@value #NAME_PROPERTY}. A failure to reach the bus or to own the name stops the daemon with the
 * launcher's exit status for it, because a Secret Service provider without its name serves nobody.
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

    private final PrivateBusDaemon privateBus;
    private final DBusConnection connection;
    private final ServiceRegistration<DBusConnection> registration;
    private volatile AutoCloseable nameLostHandler;
    private volatile boolean stopping;
    private volatile boolean handedOver;
    private volatile ServiceListener startedListener;

    @Activate
    public BusConnectionComponent(BundleContext context, BusConfiguration configuration) {
        PrivateBusDaemon startedBus = null;
        DBusConnection opened = null;
        ServiceRegistration<DBusConnection> registered = null;
        Hashtable<String, Object> properties = new Hashtable<>();
        try {
            String address = firstNonBlank(
                    configuration.address(),
                    context.getProperty(ADDRESS_PROPERTY),
                    System.getenv("DBUS_SESSION_BUS_ADDRESS"));
            Path runtime = RuntimeDirectory.resolve(context);
            // An address exported from an earlier Keyport's private bus brings that bus back, so the
            // clients that still hold the address reach the new Keyport.
            if (address == null || address.equals(PrivateBusDaemon.addressIn(runtime))) {
                startedBus = PrivateBusDaemon.startOrReuse(runtime);
                address = startedBus.address();
                System.out.println("export DBUS_SESSION_BUS_ADDRESS='" + address + "'");
            }
            opened = connect(address, context);

            properties.put(ADDRESS_PROPERTY, address);
            properties.put(PRIVATE_PROPERTY, startedBus != null);
            properties.put(NAME_PROPERTY, configuration.name());
            registered = context.registerService(DBusConnection.class, opened, properties);

        } catch (BusUnavailableException e) {
            fail(context, DaemonExit.BUS_UNAVAILABLE, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not set up the bus connection", e);
            fail(context, DaemonExit.BUS_UNAVAILABLE, "Could not set up the bus connection: " + e.getMessage());
        }
        this.privateBus = startedBus;
        this.connection = opened;
        this.registration = registered;
        if (registered != null) {
            claimWhenStarted(context, configuration, properties);
        }
    }

    /**
     * Claims the name once the launcher reports every bundle of the feature started, with a service that
     * carries {@value #STARTED_PROPERTY}{@code =true}, so that the Secret Service objects and the engines'
     * collections are on the bus before the name is. D-Bus activation delivers the activating call the
     * moment the name is owned, and that call must not meet an empty service. Without that framework property
     * ({@value #LAUNCHED_PROPERTY}), as in tests, it claims at once.
     */
    private void claimWhenStarted(
            BundleContext context, BusConfiguration configuration, Hashtable<String, Object> properties) {
        // With --replace the name comes first: the Keyport being replaced only releases its stores once it
        // has lost the name, and this one's engines wait for them.
        boolean replace =
                Boolean.parseBoolean(firstNonBlank(configuration.replace(), context.getProperty(REPLACE_PROPERTY)));
        if (replace || !Boolean.parseBoolean(context.getProperty(LAUNCHED_PROPERTY))) {
            claim(context, configuration, properties);
            return;
        }
        String filter = "(" + STARTED_PROPERTY + "=true)";
        AtomicBoolean claimed = new AtomicBoolean();
        ServiceListener listener = event -> {
            if (event.getType() == ServiceEvent.REGISTERED && !stopping && claimed.compareAndSet(false, true)) {
                claim(context, configuration, properties);
            }
        };
        try {
            context.addServiceListener(listener, filter);
            if (context.getServiceReferences((String) null, filter) != null && claimed.compareAndSet(false, true)) {
                claim(context, configuration, properties);
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("Invalid filter " + filter, e);
        }
        startedListener = listener;
    }

    private void claim(BundleContext context, BusConfiguration configuration, Hashtable<String, Object> properties) {
        try {
            nameLostHandler = claimName(context, connection, configuration);
            properties.put(NAME_OWNED_PROPERTY, true);
            registration.setProperties(properties);
            LOG.info(
                    "Owning {} as {} on {}",
                    configuration.name(),
                    connection.getUniqueName(),
                    properties.get(ADDRESS_PROPERTY));
        } catch (NameClaim.NameTakenException e) {
            fail(context, DaemonExit.NAME_TAKEN, e.getMessage());
        } catch (DBusException | RuntimeException e) {
            LOG.error("Could not claim {}", configuration.name(), e);
            fail(
                    context,
                    DaemonExit.BUS_UNAVAILABLE,
                    "Could not claim " + configuration.name() + ": " + e.getMessage());
        }
    }

    @Deactivate
    void deactivate(BundleContext context) {
        stopping = true;
        if (startedListener != null) {
            context.removeServiceListener(startedListener);
        }
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                LOG.debug("Bus connection service was already unregistered");
            }
        }
        if (nameLostHandler != null) {
            try {
                nameLostHandler.close();
            } catch (Exception e) {
                LOG.debug("Could not remove the NameLost handler", e);
            }
        }
        if (connection != null) {
            connection.disconnect();
            LOG.info("Disconnected from the bus");
        }
        // The Keyport that took the name over serves on the same private bus, so that bus stays up.
        if (privateBus != null && !handedOver) {
            privateBus.close();
        }
    }

    /**
     * Connects to the bus. Losing the connection later stops the daemon with the bus-unavailable status,
     * because a provider without its bus serves nobody and a supervisor can restart it once the bus is back.
     */
    private DBusConnection connect(String address, BundleContext context) throws BusUnavailableException {
        IDisconnectCallback onLoss = new IDisconnectCallback() {
            @Override
            public void disconnectOnError(IOException e) {
                if (!stopping) {
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
                            + ". Check DBUS_SESSION_BUS_ADDRESS, or unset it to let Keyport start a private bus.",
                    e);
        }
    }

    private AutoCloseable claimName(BundleContext context, DBusConnection connection, BusConfiguration configuration)
            throws DBusException, NameClaim.NameTakenException {
        String name = configuration.name();
        String replaceSetting = firstNonBlank(configuration.replace(), context.getProperty(REPLACE_PROPERTY));
        NameClaim claim = new NameClaim(connection, name);
        claim.claim(Boolean.parseBoolean(replaceSetting));
        return connection.addSigHandler(DBus.NameLost.class, signal -> {
            if (name.equals(signal.name)) {
                LOG.warn("Another process took over {}: {}. Stopping this Keyport.", name, claim.describeOwner());
                handedOver = true;
                DaemonExit.request(context, 0);
            }
        });
    }

    private static void fail(BundleContext context, int status, String message) {
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
