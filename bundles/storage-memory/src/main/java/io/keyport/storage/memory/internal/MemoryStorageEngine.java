package io.keyport.storage.memory.internal;

import io.keyport.api.config.ConfigurationCheck;
import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageEngine;
import io.keyport.api.storage.StorageListener;
import io.keyport.api.storage.StorageListeners;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storage engine whose collections live in memory only. They need no passphrase, and their secrets are
 * wiped when an item is deleted or the engine stops. A changed configuration adds and removes collections in place;
 * an invalid one is logged and changes nothing.
 */
@Component(
        configurationPid = MemoryStorageEngine.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {
            StorageEngine.NAME_PROPERTY + "=memory",
            StorageEngine.CREATES_COLLECTIONS_PROPERTY + ":Boolean=false"
        })
@Designate(ocd = MemoryConfiguration.class, factory = true)
public final class MemoryStorageEngine implements StorageEngine {

    static final String FACTORY_PID = "io.keyport.storage.memory";

    private static final Logger LOG = LoggerFactory.getLogger(MemoryStorageEngine.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_]+");

    private volatile String name;
    private final Map<String, MemoryCollection> collections = new ConcurrentSkipListMap<>();
    private final StorageListeners listeners = new StorageListeners(StorageListeners.FailureHandler.logging(LOG::warn));

    @Activate
    public MemoryStorageEngine(Map<String, Object> properties) {
        Optional<Settings> settings =
                parse(properties, "The memory engine starts without collections until the file is corrected");
        this.name = settings.map(Settings::name).orElse("memory");
        settings.ifPresent(valid -> valid.collections()
                .forEach(
                        (id, label) -> collections.put(id, new MemoryCollection(id, label, listeners, this::removed))));
        LOG.info("Memory engine {} started with collections {}", name, collections.keySet());
    }

    /**
     * Applies a changed configuration in place: collections that are no longer listed are wiped and removed, new
     * ones are added, and the others keep their items. An invalid configuration changes nothing.
     */
    @Modified
    synchronized void modified(Map<String, Object> properties) {
        Optional<Settings> parsed = parse(properties, "Memory engine " + name + " keeps its collections unchanged");
        if (parsed.isEmpty()) {
            return;
        }
        Settings settings = parsed.get();
        name = settings.name();
        for (String id : List.copyOf(collections.keySet())) {
            MemoryCollection collection = collections.get(id);
            if (!settings.collections().containsKey(id) && collection != null) {
                collection.wipe();
                removed(id);
                LOG.info("Memory engine {} removed collection {}, which its configuration no longer lists", name, id);
            }
        }
        settings.collections().forEach((id, label) -> {
            if (!collections.containsKey(id)) {
                createCollection(id, label, null);
                LOG.info("Memory engine {} added collection {}", name, id);
            }
        });
    }

    MemoryStorageEngine(String name) {
        this.name = name;
    }

    @Deactivate
    void deactivate() {
        collections.values().forEach(MemoryCollection::wipe);
        collections.clear();
        LOG.info("Memory engine {} stopped; its secrets are wiped", name);
    }

    /**
     * Checks {@code properties}, logging one error line that ends with {@code consequence} when they are invalid and
     * one warning line for unknown keys.
     */
    static Optional<Settings> parse(Map<String, ?> properties, String consequence) {
        ConfigurationCheck check = ConfigurationCheck.of(FACTORY_PID, MemoryConfiguration.class, properties);
        String unknown = check.unknownKeysMessage();
        if (!unknown.isEmpty()) {
            LOG.warn(unknown);
        }
        MemoryConfiguration configuration = check.values(MemoryConfiguration.class);
        Map<String, String> collections = new LinkedHashMap<>();
        for (String entry : configuration.collections()) {
            int equals = entry.indexOf('=');
            String id = (equals < 0 ? entry : entry.substring(0, equals)).trim();
            String label = equals < 0 ? id : entry.substring(equals + 1).trim();
            if (!ID.matcher(id).matches()) {
                check.reject(
                        "collections",
                        entry,
                        "write ID=LABEL with ASCII letters, digits and _ in the id, such as session=Session");
            } else {
                collections.put(id, label);
            }
        }
        if (!check.isValid()) {
            LOG.error("{}. {}", check.errorMessage(), consequence);
            return Optional.empty();
        }
        return Optional.of(new Settings(configuration.keyport_engine_name(), collections));
    }

    @Override
    public List<StorageCollection> collections() {
        return List.copyOf(collections.values());
    }

    @Override
    public boolean needsPassphraseForNewCollections() {
        return false;
    }

    @Override
    public StorageCollection createCollection(String id, String label, SecretValue passphrase) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Invalid collection id: use ASCII letters, digits and _");
        }
        MemoryCollection created = new MemoryCollection(id, label, listeners, this::removed);
        if (collections.putIfAbsent(id, created) != null) {
            throw new IllegalArgumentException("Collection " + id + " already exists");
        }
        listeners.collectionAdded(created);
        return created;
    }

    @Override
    public void addListener(StorageListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(StorageListener listener) {
        listeners.remove(listener);
    }

    /** The validated configuration: the engine name and the collections, id to label, in configuration order. */
    record Settings(String name, Map<String, String> collections) {}

    private void removed(String id) {
        if (collections.remove(id) != null) {
            listeners.collectionRemoved(id);
        }
    }
}
