package io.keyport.storage.keyring.internal;

import io.keyport.api.config.ConfigurationCheck;
import io.keyport.api.storage.StorageEngine;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one kernel keyring engine per factory configuration and registers it as a {@link StorageEngine} service with
 * the properties {@value StorageEngine#NAME_PROPERTY} and {@value StorageEngine#CREATES_COLLECTIONS_PROPERTY}, which
 * have other names than the configuration properties. A changed configuration is checked before the running engine
 * stops: an invalid one is logged and leaves the engine running as it was, and a valid one restarts this engine
 * alone.
 */
@Component(
        configurationPid = KernelKeyringComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true,
        service = {})
@Designate(ocd = KeyringConfiguration.class, factory = true)
public final class KernelKeyringComponent {

    static final String PID = "io.keyport.storage.keyring";

    /** Service property: the serial number of the parent keyring, for diagnostics. */
    static final String PARENT_PROPERTY = "keyport.storage.keyring.parent";

    private static final Logger LOG = LoggerFactory.getLogger(KernelKeyringComponent.class);

    private final BundleContext context;
    private Running running;

    @Activate
    public KernelKeyringComponent(BundleContext context, Map<String, Object> properties) {
        this.context = context;
        parse(properties, "The kernel keyring engine does not start until the file is corrected")
                .ifPresent(this::start);
    }

    /**
     * Applies a changed configuration: an invalid one changes nothing, and a valid one restarts this engine. The
     * items stay in the kernel keyring, and its collections are served again.
     */
    @Modified
    synchronized void modified(Map<String, Object> properties) {
        String consequence = running == null
                ? "The kernel keyring engine does not start until the file is corrected"
                : "Kernel keyring engine " + running.settings().keyring().name()
                        + " keeps running with its previous configuration";
        Optional<Settings> next = parse(properties, consequence);
        if (next.isEmpty() || (running != null && running.settings().equals(next.get()))) {
            return;
        }
        if (running != null) {
            LOG.info(
                    "Restarting kernel keyring engine {} with its changed configuration",
                    running.settings().keyring().name());
            stop();
        }
        start(next.get());
    }

    /** Unregisters the service first, so no caller reaches the engine while it stops. */
    @Deactivate
    synchronized void deactivate() {
        stop();
    }

    /**
     * Checks {@code properties}, logging one error line that ends with {@code consequence} when they are invalid and
     * one warning line for unknown keys.
     */
    static Optional<Settings> parse(Map<String, ?> properties, String consequence) {
        ConfigurationCheck check = ConfigurationCheck.of(PID, KeyringConfiguration.class, properties);
        check.requireOneOf("keyring", "user", "session");
        check.requireRange("expiry.seconds", 0, Long.MAX_VALUE);
        check.requireRange("rescan.seconds", 0, Long.MAX_VALUE);
        return check.build(
                KeyringConfiguration.class,
                configuration -> new Settings(settings(configuration), configuration.service_ranking()),
                LOG::warn,
                LOG::error,
                consequence);
    }

    private void start(Settings settings) {
        KernelKeyringEngine engine = new KernelKeyringEngine(settings.keyring(), KeyctlSyscalls.load());
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(StorageEngine.NAME_PROPERTY, settings.keyring().name());
        properties.put(
                StorageEngine.CREATES_COLLECTIONS_PROPERTY, settings.keyring().createsCollections());
        properties.put(Constants.SERVICE_RANKING, settings.ranking());
        properties.put(PARENT_PROPERTY, engine.parentSerial());
        running = new Running(settings, engine, context.registerService(StorageEngine.class, engine, properties));
        LOG.info(
                "Registered kernel keyring engine {} on the {} {}",
                settings.keyring().name(),
                settings.keyring().parentName(),
                engine.parentSerial());
    }

    private void stop() {
        if (running == null) {
            return;
        }
        try {
            running.registration().unregister();
        } catch (IllegalStateException e) {
            LOG.debug("Kernel keyring engine service was already unregistered");
        }
        running.engine().close();
        running = null;
    }

    /** An engine's settings and its service ranking, compared as a whole to tell whether a change needs a restart. */
    record Settings(KeyringSettings keyring, int ranking) {}

    private record Running(
            Settings settings, KernelKeyringEngine engine, ServiceRegistration<StorageEngine> registration) {}

    static KeyringSettings settings(KeyringConfiguration configuration) {
        return new KeyringSettings(
                configuration.name(),
                KeyringSettings.parentKeyring(configuration.keyring()),
                KeyringSettings.parseCollections(configuration.collections()),
                configuration.expiry_seconds(),
                configuration.collections_create(),
                configuration.rescan_seconds());
    }
}
