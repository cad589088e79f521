package org.example.keyport.directory;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageEngine;
import io.keyport.api.storage.StorageListener;
import io.keyport.api.storage.StorageListeners;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * A read-only storage engine that serves the regular files of one directory as the items of one collection:
 * the label and the attribute {@code file} are the file name, and the secret is the file's content. Creating,
 * changing and deleting items throw {@link UnsupportedOperationException}, which Keyport returns to clients as
 * {@code org.freedesktop.DBus.Error.NotSupported}.
 */
@Component(
        service = StorageEngine.class,
        configurationPid = DirectoryStorageEngine.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = StorageEngine.CREATES_COLLECTIONS_PROPERTY + ":Boolean=false")
@Designate(ocd = DirectoryConfiguration.class, factory = true)
public final class DirectoryStorageEngine implements StorageEngine {

    /** The factory PID: configuration files are named {@code org.example.keyport.directory-NAME.cfg}. */
    public static final String FACTORY_PID = "org.example.keyport.directory";

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryStorageEngine.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_]+");

    private final String name;
    private final DirectoryCollection collection;
    private final StorageListeners listeners;

    @Activate
    public DirectoryStorageEngine(DirectoryConfiguration configuration) {
        this(
                configuration.keyport_engine_name(),
                Path.of(configuration.directory()),
                configuration.collection_id(),
                configuration.collection_label(),
                configuration.max_file_bytes());
    }

    DirectoryStorageEngine(String name, Path directory, String collectionId, String collectionLabel, long maxBytes) {
        if (!ID.matcher(collectionId).matches()) {
            throw new IllegalArgumentException(
                    "collection.id must be ASCII letters, digits and _, not '" + collectionId + "'");
        }
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("directory " + directory + " is not a directory; set directory to"
                    + " an existing one, such as the service's $CREDENTIALS_DIRECTORY");
        }
        this.name = name;
        this.listeners = new StorageListeners((listener, event, eventCollectionId, failure) ->
                LOG.warn("A storage listener of engine {} failed on {}", name, event, failure));
        this.collection =
                new DirectoryCollection(collectionId, collectionLabel, directory, maxBytes, listeners);
        LOG.info("Storage engine {} serves the files of {} as collection {}", name, directory, collectionId);
    }

    @Deactivate
    void deactivate() {
        LOG.info("Storage engine {} stopped", name);
    }

    @Override
    public List<StorageCollection> collections() {
        return List.of(collection);
    }

    @Override
    public StorageCollection createCollection(String id, String label, SecretValue passphrase) {
        throw new UnsupportedOperationException("Storage engine " + name + " serves one configured directory");
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
