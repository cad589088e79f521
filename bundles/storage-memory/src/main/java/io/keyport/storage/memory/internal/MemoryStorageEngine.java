package io.keyport.storage.memory.internal;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageEngine;
import io.keyport.api.storage.StorageListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storage engine whose collections live in memory only. They need no passphrase, and their secrets are
 * wiped when an item is deleted or the engine stops.
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

    private final String name;
    private final Map<String, MemoryCollection> collections = new ConcurrentSkipListMap<>();
    private final List<StorageListener> listeners = new CopyOnWriteArrayList<>();

    @Activate
    public MemoryStorageEngine(MemoryConfiguration configuration) {
        this.name = configuration.keyport_engine_name();
        for (String entry : configuration.collections()) {
            int equals = entry.indexOf('=');
            String id = (equals < 0 ? entry : entry.substring(0, equals)).trim();
            String label = equals < 0 ? id : entry.substring(equals + 1).trim();
            if (!ID.matcher(id).matches()) {
                LOG.error(
                        "Memory engine {} skips collection entry '{}': ids use ASCII letters, digits and _",
                        name,
                        entry);
                continue;
            }
            collections.put(id, new MemoryCollection(id, label, this::notifyListeners, this::removed));
        }
        LOG.info("Memory engine {} started with collections {}", name, collections.keySet());
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
        MemoryCollection created = new MemoryCollection(id, label, this::notifyListeners, this::removed);
        if (collections.putIfAbsent(id, created) != null) {
            throw new IllegalArgumentException("Collection " + id + " already exists");
        }
        notifyListeners(listener -> listener.collectionAdded(created));
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

    private void removed(String id) {
        if (collections.remove(id) != null) {
            notifyListeners(listener -> listener.collectionRemoved(id));
        }
    }

    private void notifyListeners(Consumer<StorageListener> event) {
        for (StorageListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("A storage listener failed: {}", e.toString());
            }
        }
    }
}
