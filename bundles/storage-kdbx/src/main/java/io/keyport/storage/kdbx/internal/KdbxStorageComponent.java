package io.keyport.storage.kdbx.internal;

import io.keyport.api.config.ConfigurationCheck;
import io.keyport.api.storage.StorageEngine;
import java.nio.file.Files;
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
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one KDBX engine per factory configuration and registers it as a {@link StorageEngine} service with the
 * properties {@value StorageEngine#NAME_PROPERTY} and {@value StorageEngine#CREATES_COLLECTIONS_PROPERTY} (false).
 * The component registers the engine itself, because the service properties have other names than the
 * configuration properties. A changed configuration is checked before the running engine stops: an invalid one is
 * logged and leaves the engine running as it was, and a valid one restarts this engine alone.
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

    private final BundleContext context;
    private Running running;

    @Activate
    public KdbxStorageComponent(BundleContext context, Map<String, Object> properties) {
        this.context = context;
        parse(properties, "The KDBX engine does not start until the file is corrected")
                .ifPresent(this::start);
    }

    /**
     * Applies a changed configuration: an invalid one changes nothing, and a valid one restarts this engine,
     * because the database it opened cannot change under an open collection. Its collection is served again, locked.
     */
    @Modified
    synchronized void modified(Map<String, Object> properties) {
        String consequence = running == null
                ? "The KDBX engine does not start until the file is corrected"
                : "KDBX engine " + running.settings().kdbx().name() + " keeps running with its previous configuration";
        Optional<Settings> next = parse(properties, consequence);
        if (next.isEmpty() || (running != null && running.settings().equals(next.get()))) {
            return;
        }
        if (running != null) {
            LOG.info(
                    "Restarting KDBX engine {} with its changed configuration; its collection is served again, locked",
                    running.settings().kdbx().name());
            stop();
        }
        start(next.get());
    }

    /** Unregisters the service first, so no caller reaches the engine while it wipes its keys. */
    @Deactivate
    synchronized void deactivate() {
        stop();
    }

    /**
     * Checks {@code properties}, logging one error line that ends with {@code consequence} when they are invalid and
     * one warning line for unknown keys.
     */
    static Optional<Settings> parse(Map<String, ?> properties, String consequence) {
        ConfigurationCheck check = ConfigurationCheck.of(PID, KdbxStorageConfiguration.class, properties);
        check.requireRange("kdf.max.memory.mib", 1, Long.MAX_VALUE / (1024 * 1024));
        check.requireRange("poll.millis", 0, Long.MAX_VALUE);
        Optional<Settings> parsed = check.build(
                KdbxStorageConfiguration.class,
                configuration -> new Settings(
                        settings(configuration, System.getProperty("user.home")), configuration.service_ranking()),
                LOG::warn,
                LOG::error,
                consequence);
        if (parsed.isEmpty()) {
            return parsed;
        }
        Settings settings = parsed.get();
        if (!Files.isRegularFile(settings.kdbx().file())) {
            // Not an error: the database may be on a volume that is mounted later, and unlock reports it then.
            LOG.warn(
                    "KDBX engine {}: the database {} does not exist yet; unlocking its collection fails until it does",
                    settings.kdbx().name(),
                    settings.kdbx().file());
        }
        return Optional.of(settings);
    }

    private void start(Settings settings) {
        KdbxStorageEngine engine = new KdbxStorageEngine(settings.kdbx());
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(StorageEngine.NAME_PROPERTY, settings.kdbx().name());
        properties.put(StorageEngine.CREATES_COLLECTIONS_PROPERTY, false);
        properties.put(Constants.SERVICE_RANKING, settings.ranking());
        properties.put(FILE_PROPERTY, settings.kdbx().file().toString());
        running = new Running(settings, engine, context.registerService(StorageEngine.class, engine, properties));
        LOG.info(
                "Registered KDBX engine {} for {}",
                settings.kdbx().name(),
                settings.kdbx().file());
    }

    private void stop() {
        if (running == null) {
            return;
        }
        try {
            running.registration().unregister();
        } catch (IllegalStateException e) {
            LOG.debug("KDBX engine service was already unregistered");
        }
        running.engine().close();
        running = null;
    }

    /** An engine's settings and its service ranking, compared as a whole to tell whether a change needs a restart. */
    record Settings(KdbxSettings kdbx, int ranking) {}

    private record Running(
            Settings settings, KdbxStorageEngine engine, ServiceRegistration<StorageEngine> registration) {}

    static KdbxSettings settings(KdbxStorageConfiguration configuration, String home) {
        String name = configuration.name();
        if (name == null || !NAME_PATTERN.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "name=" + name + " is invalid: write 1 to 64 ASCII letters, digits, '.', '_' or '-'");
        }
        Path file = path(configuration.path(), home, "path");
        if (file == null) {
            throw new IllegalArgumentException(
                    "path is missing: write the absolute path of the KDBX database, such as path=~/Passwords.kdbx");
        }
        String id = configuration.collection_id().isBlank()
                ? name.replaceAll("[^A-Za-z0-9_]", "_")
                : configuration.collection_id();
        if (!ID_PATTERN.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "collection.id=" + id + " is invalid: write 1 to 64 ASCII letters, digits or _");
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
                    property + "=" + value + " is invalid: write an absolute path or one" + " that starts with ~/");
        }
        return path.normalize();
    }
}
