package io.keyport.storage.file.internal;

import io.keyport.api.config.ConfigurationCheck;
import io.keyport.api.crypto.Aead;
import io.keyport.api.crypto.KeyDerivation;
import io.keyport.api.storage.StorageEngine;
import io.keyport.api.storage.StorageException;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one file store per factory configuration and registers it as a {@link StorageEngine} service with the
 * properties {@value StorageEngine#NAME_PROPERTY} and {@value StorageEngine#CREATES_COLLECTIONS_PROPERTY}.
 *
 * <p>The component registers the engine itself rather than being the service, because the service properties have
 * other names than the configuration properties. For the same reason it can check a changed configuration before it
 * stops the running store: an invalid one is logged and leaves the store running as it was, and a valid one
 * restarts this store alone.
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

    private final BundleContext context;
    private final Aead aead;
    private final KeyDerivation kdf;
    private Running running;

    @Activate
    public FileStorageComponent(
            BundleContext context, Map<String, Object> properties, @Reference Aead aead, @Reference KeyDerivation kdf) {
        this.context = context;
        this.aead = aead;
        this.kdf = kdf;
        parse(properties, context, "The file store does not start until the file is corrected")
                .ifPresent(this::start);
    }

    /**
     * Applies a changed configuration: an invalid one changes nothing, and a valid one restarts this store, because
     * its directory and keys cannot change under open collections. Its collections are served again, locked.
     */
    @Modified
    synchronized void modified(Map<String, Object> properties) {
        String consequence = running == null
                ? "The file store does not start until the file is corrected"
                : "File store " + running.settings().store().name() + " keeps running with its previous configuration";
        Optional<Settings> next = parse(properties, context, consequence);
        if (next.isEmpty() || (running != null && running.settings().equals(next.get()))) {
            return;
        }
        if (running != null) {
            LOG.info(
                    "Restarting file store {} with its changed configuration; its collections are served again,"
                            + " locked",
                    running.settings().store().name());
            stop();
        }
        start(next.get());
    }

    /** Unregisters the service first, so no caller reaches the engine while it closes its files. */
    @Deactivate
    synchronized void deactivate() {
        stop();
    }

    /**
     * Checks {@code properties}, logging one error line that ends with {@code consequence} when they are invalid and
     * one warning line for unknown keys.
     */
    static Optional<Settings> parse(Map<String, ?> properties, BundleContext context, String consequence) {
        ConfigurationCheck check = ConfigurationCheck.of(PID, FileStorageConfiguration.class, properties);
        check.requireRange("argon2.memory.kib", 8, FileFormat.MAX_ARGON2_MEMORY_KIB);
        check.requireRange("argon2.iterations", 1, FileFormat.MAX_ARGON2_ITERATIONS);
        check.requireRange("argon2.parallelism", 1, FileFormat.MAX_ARGON2_PARALLELISM);
        check.requireRange("autolock.seconds", 0, Long.MAX_VALUE);
        return check.build(
                FileStorageConfiguration.class,
                configuration -> new Settings(settings(configuration, context), configuration.service_ranking()),
                LOG::warn,
                LOG::error,
                consequence);
    }

    private void start(Settings settings) {
        FileStorageEngine engine;
        try {
            engine = new FileStorageEngine(settings.store(), aead, kdf);
        } catch (StorageException e) {
            LOG.error("File store {} could not start: {}", settings.store().name(), e.getMessage());
            return;
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(StorageEngine.NAME_PROPERTY, settings.store().name());
        properties.put(
                StorageEngine.CREATES_COLLECTIONS_PROPERTY, settings.store().createsCollections());
        properties.put(Constants.SERVICE_RANKING, settings.ranking());
        properties.put(DIRECTORY_PROPERTY, engine.directory().toString());
        running = new Running(settings, engine, context.registerService(StorageEngine.class, engine, properties));
        LOG.info("Registered file store {} for {}", settings.store().name(), engine.directory());
    }

    private void stop() {
        if (running == null) {
            return;
        }
        try {
            running.registration().unregister();
        } catch (IllegalStateException e) {
            LOG.debug("File store service was already unregistered");
        }
        running.engine().close();
        running = null;
    }

    /** A store's settings and its service ranking, compared as a whole to tell whether a change needs a restart. */
    record Settings(FileStoreSettings store, int ranking) {}

    private record Running(
            Settings settings, FileStorageEngine engine, ServiceRegistration<StorageEngine> registration) {}

    static FileStoreSettings settings(FileStorageConfiguration configuration, BundleContext context) {
        String name = configuration.name();
        if (name == null || !NAME_PATTERN.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("name=" + name + " is invalid: write 1 to 64 ASCII letters, digits,"
                    + " '.', '_' or '-', other than . and ..");
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
