package io.keyport.storage.keyring.internal;

import io.keyport.api.storage.StorageEngine;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one kernel keyring engine per factory configuration and registers it as a {@link StorageEngine} service with
 * the properties {@value StorageEngine#NAME_PROPERTY} and {@value StorageEngine#CREATES_COLLECTIONS_PROPERTY}, which
 * have other names than the configuration properties.
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

    private final KernelKeyringEngine engine;
    private final ServiceRegistration<StorageEngine> registration;

    @Activate
    public KernelKeyringComponent(BundleContext context, KeyringConfiguration configuration) {
        KeyringSettings settings = settings(configuration);
        engine = new KernelKeyringEngine(settings, KeyctlSyscalls.load());

        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(StorageEngine.NAME_PROPERTY, settings.name());
        properties.put(StorageEngine.CREATES_COLLECTIONS_PROPERTY, settings.createsCollections());
        properties.put(Constants.SERVICE_RANKING, configuration.service_ranking());
        properties.put(PARENT_PROPERTY, engine.parentSerial());
        registration = context.registerService(StorageEngine.class, engine, properties);
        LOG.info(
                "Registered kernel keyring engine {} on the {} {}",
                settings.name(),
                settings.parentName(),
                engine.parentSerial());
    }

    /** Unregisters the service first, so no caller reaches the engine while it stops. */
    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            LOG.debug("Kernel keyring engine service was already unregistered");
        }
        engine.close();
    }

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
