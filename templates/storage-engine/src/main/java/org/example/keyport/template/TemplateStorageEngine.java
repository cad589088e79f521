package org.example.keyport.template;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageEngine;
import io.keyport.api.storage.StorageListener;
import io.keyport.api.storage.StorageListeners;
import java.util.List;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storage engine that serves one collection held in memory. Each factory configuration starts one instance;
 * its {@code keyport.engine.name} becomes the service property that Keyport lists the engine by.
 *
 * <p>Replace the collection and item classes with your storage; keep the rules of the contract tests.
 */
@Component(
        service = StorageEngine.class,
        configurationPid = TemplateStorageEngine.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = StorageEngine.CREATES_COLLECTIONS_PROPERTY + ":Boolean=false")
@Designate(ocd = TemplateConfiguration.class, factory = true)
public final class TemplateStorageEngine implements StorageEngine {

    /** The factory PID: configuration files are named {@code org.example.keyport.template-NAME.cfg}. */
    public static final String FACTORY_PID = "org.example.keyport.template";

    private static final Logger LOG = LoggerFactory.getLogger(TemplateStorageEngine.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_]+");

    private final String name;
    private final TemplateCollection collection;
    private final StorageListeners listeners;

    @Activate
    public TemplateStorageEngine(TemplateConfiguration configuration) {
        this(configuration.keyport_engine_name(), configuration.collection_id(), configuration.collection_label());
    }

    TemplateStorageEngine(String name, String collectionId, String collectionLabel) {
        if (!ID.matcher(collectionId).matches()) {
            throw new IllegalArgumentException(
                    "collection.id must be ASCII letters, digits and _, not '" + collectionId + "'");
        }
        this.name = name;
        this.listeners = new StorageListeners((listener, event, eventCollectionId, failure) ->
                LOG.warn("A storage listener of engine {} failed on {}", name, event, failure));
        this.collection = new TemplateCollection(collectionId, collectionLabel, listeners);
        LOG.info("Storage engine {} started with collection {}", name, collectionId);
    }

    @Deactivate
    void deactivate() {
        collection.wipe();
        LOG.info("Storage engine {} stopped", name);
    }

    @Override
    public List<StorageCollection> collections() {
        return List.of(collection);
    }

    @Override
    public StorageCollection createCollection(String id, String label, SecretValue passphrase) {
        throw new UnsupportedOperationException("Storage engine " + name + " serves one configured collection");
    }

    @Override
    public boolean needsPassphraseForNewCollections() {
        return false;
    }

    @Override
    public void addListener(StorageListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(StorageListener listener) {
        listeners.remove(listener);
    }
}
