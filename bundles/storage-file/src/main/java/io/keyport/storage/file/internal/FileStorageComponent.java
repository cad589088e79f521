package io.keyport.storage.file.internal;

import io.keyport.api.crypto.Aead;
import io.keyport.api.crypto.KeyDerivation;
import io.keyport.api.storage.StorageEngine;
import io.keyport.api.storage.StorageException;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one file store per factory configuration and registers it as a {@link StorageEngine} service with the
 * properties {@value StorageEngine#NAME_PROPERTY} and {@value StorageEngine#CREATES_COLLECTIONS_PROPERTY}.
 *
 * <p>The component registers the engine itself rather than being the service, because the service properties have
 * other names than the configuration properties.
 */
@Component(
        configurationPid = FileStorageComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true,
        service = {})
@Designate(ocd = FileStorageConfiguration.class, factory = true)
public final class FileStorageComponent {

    static final String PID = "io.keyport.storage.file";

    /** Service property: the absolute store directory, for diagnostics. */
    static final String DIRECTORY_PROPERTY = "keyport.storage.file.directory";

    private static final Logger LOG = LoggerFactory.getLogger(FileStorageComponent.class);
    private static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final FileStorageEngine engine;
    private final ServiceRegistration<StorageEngine> registration;

    @Activate
    public FileStorageComponent(
            BundleContext context,
            FileStorageConfiguration configuration,
            @Reference Aead aead,
            @Reference KeyDerivation kdf) {
        FileStoreSettings settings = settings(configuration, context);
        try {
            engine = new FileStorageEngine(settings, aead, kdf);
        } catch (StorageException e) {
            // SCR records a failed activation without printing it; the administrator needs the reason.
            LOG.error("File store {} could not start: {}", settings.name(), e.getMessage());
            System.err.println("keyport: file store " + settings.name() + " could not start: " + e.getMessage());
            throw e;
        }

        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(StorageEngine.NAME_PROPERTY, settings.name());
        properties.put(StorageEngine.CREATES_COLLECTIONS_PROPERTY, settings.createsCollections());
        properties.put(Constants.SERVICE_RANKING, configuration.service_ranking());
        properties.put(DIRECTORY_PROPERTY, engine.directory().toString());
        registration = context.registerService(StorageEngine.class, engine, properties);
        LOG.info("Registered file store {} for {}", settings.name(), engine.directory());
    }

    /** Unregisters the service first, so no caller reaches the engine while it closes its files. */
    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            LOG.debug("File store service was already unregistered");
        }
        engine.close();
    }

    static FileStoreSettings settings(FileStorageConfiguration configuration, BundleContext context) {
        String name = configuration.name();
        if (name == null || !NAME_PATTERN.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("File store name must be 1 to 64 ASCII letters, digits, '.', '_' or"
                    + " '-', and not . or ..: " + name);
        }
        Path directory = DataDirectory.resolve(
                configuration.directory(), name, context::getProperty, System::getenv, System.getProperty("user.home"));
        return new FileStoreSettings(
                name,
                directory,
                configuration.collections_create(),
                FileFormat.checkedArgon2(
                        configuration.argon2_memory_kib(),
                        configuration.argon2_iterations(),
                        configuration.argon2_parallelism()),
                configuration.autolock_seconds(),
                FileStoreSettings.DEFAULT_COMPACTION_MINIMUM_BYTES);
    }
}
