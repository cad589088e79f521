package io.keyport.storage.kdbx.internal;

import io.keyport.api.storage.StorageEngine;
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
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one KDBX engine per factory configuration and registers it as a {@link StorageEngine} service with the
 * properties {@value StorageEngine#NAME_PROPERTY} and {@value StorageEngine#CREATES_COLLECTIONS_PROPERTY} (false).
 * The component registers the engine itself, because the service properties have other names than the
 * configuration properties.
 */
@Component(
        configurationPid = KdbxStorageComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true,
        service = {})
@Designate(ocd = KdbxStorageConfiguration.class, factory = true)
public final class KdbxStorageComponent {

    static final String PID = "io.keyport.storage.kdbx";

    /** Service property: the absolute database path, for diagnostics. */
    static final String FILE_PROPERTY = "keyport.storage.kdbx.file";

    private static final Logger LOG = LoggerFactory.getLogger(KdbxStorageComponent.class);
    private static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private final KdbxStorageEngine engine;
    private final ServiceRegistration<StorageEngine> registration;

    @Activate
    public KdbxStorageComponent(BundleContext context, KdbxStorageConfiguration configuration) {
        KdbxSettings settings = settings(configuration, System.getProperty("user.home"));
        engine = new KdbxStorageEngine(settings);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(StorageEngine.NAME_PROPERTY, settings.name());
        properties.put(StorageEngine.CREATES_COLLECTIONS_PROPERTY, false);
        properties.put(Constants.SERVICE_RANKING, configuration.service_ranking());
        properties.put(FILE_PROPERTY, settings.file().toString());
        registration = context.registerService(StorageEngine.class, engine, properties);
        LOG.info("Registered KDBX engine {} for {}", settings.name(), settings.file());
    }

    /** Unregisters the service first, so no caller reaches the engine while it wipes its keys. */
    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            LOG.debug("KDBX engine service was already unregistered");
        }
        engine.close();
    }

    static KdbxSettings settings(KdbxStorageConfiguration configuration, String home) {
        String name = configuration.name();
        if (name == null || !NAME_PATTERN.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "KDBX engine name must be 1 to 64 ASCII letters, digits, '.', '_' or '-': " + name);
        }
        Path file = path(configuration.path(), home, "path");
        if (file == null) {
            throw new IllegalArgumentException("KDBX engine " + name + " needs the path of its database");
        }
        String id = configuration.collection_id().isBlank()
                ? name.replaceAll("[^A-Za-z0-9_]", "_")
                : configuration.collection_id();
        if (!ID_PATTERN.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "KDBX engine " + name + ": collection.id must be 1 to 64 ASCII letters, digits or _: " + id);
        }
        if (configuration.kdf_max_memory_mib() < 1) {
            throw new IllegalArgumentException("KDBX engine " + name + ": kdf.max.memory.mib must be at least 1");
        }
        return new KdbxSettings(
                name,
                file,
                path(configuration.keyfile(), home, "keyfile"),
                configuration.group(),
                id,
                configuration.collection_label(),
                configuration.kdf_max_memory_mib(),
                Math.max(0, configuration.poll_millis()));
    }

    /** Resolves a configured path, expanding a leading {@code ~/}; returns {@code null} for an empty value. */
    private static Path path(String value, String home, String property) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.equals("~") || trimmed.startsWith("~/")) {
            trimmed = home + trimmed.substring(1);
        }
        Path path = Path.of(trimmed);
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException(
                    "The KDBX engine's " + property + " must be absolute or start with" + " ~/: " + value);
        }
        return path.normalize();
    }
}
