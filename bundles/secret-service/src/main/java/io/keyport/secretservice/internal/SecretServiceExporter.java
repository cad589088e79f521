package io.keyport.secretservice.internal;

import io.keyport.api.crypto.TransferAlgorithms;
import io.keyport.api.prompt.Prompter;
import io.keyport.api.storage.StorageEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the Secret Service API on Keyport's bus connection for the collections of every storage engine.
 * Engines and prompters come and go while it runs, and a changed configuration is applied in place; clients keep
 * their sessions meanwhile. An invalid configuration is logged and leaves the previous one in force.
 */
@Component(immediate = true, configurationPid = SecretServiceExporter.PID)
@Designate(ocd = SecretServiceConfiguration.class)
public final class SecretServiceExporter {

    static final String PID = "io.keyport.secretservice";

    /**
     * The settings of the last valid configuration in this bundle's lifetime. The exporter is created anew when the
     * bus connection changes, and an invalid configuration then keeps these rather than the defaults.
     */
    private static volatile SecretServiceSettings lastValidSettings;

    private static final Logger LOG = LoggerFactory.getLogger(SecretServiceExporter.class);

    private final DBusConnection connection;
    private final ServiceContext context;
    private final CollectionDirectory directory;
    private final CollectionDirectory.ExportedObjects objects;
    private final Map<StorageEngine, EngineInfo> engines = new ConcurrentHashMap<>();
    private final AutoCloseable nameWatch;
    private final LoginBootstrap login;
    private final AccessStore accessStore;
    private final AuditLog auditLog;
    private final OpenQuestions openQuestions;
    private volatile SecretServiceSettings settings;
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "keyport-login-bootstrap");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public SecretServiceExporter(
            BundleContext bundleContext,
            Map<String, Object> properties,
            @Reference DBusConnection connection,
            @Reference TransferAlgorithms transfer,
            @Reference(
                            service = Supplier.class,
                            target = "(keyport.credential=login)",
                            cardinality = ReferenceCardinality.OPTIONAL)
                    Supplier<byte[]> loginPassphrase)
            throws DBusException {
        this.connection = connection;
        SecretServiceSettings previousSettings = lastValidSettings;
        this.settings = SecretServiceSettings.parse(
                        properties,
                        previousSettings == null
                                ? "Serving with the default configuration until the file is corrected"
                                : "Keeping the previous configuration until the file is corrected")
                .orElseGet(() -> previousSettings == null ? SecretServiceSettings.defaults() : previousSettings);
        lastValidSettings = settings;
        Signals signals = new Signals(connection);
        Sessions sessions = new Sessions();
        Prompts prompts = new Prompts(signals);
        this.context = new ServiceContext(
                transfer,
                sessions,
                prompts,
                new Callers(connection),
                signals,
                new PrompterChoice(),
                new SecretLimits(settings.secretMaxBytes()));
        this.objects = new CollectionDirectory.ExportedObjects(connection);
        this.accessStore = new AccessStore(dataFile(bundleContext, "access.properties"));
        // NOTE: the storage API does not say whether a collection outlives a restart, so records under an in-memory
        // collection stay until the collection is removed or CreateItem creates a new item at the same path.
        this.directory = new CollectionDirectory(
                signals,
                new Aliases(settings.aliases(), aliasFile(bundleContext)),
                objects,
                id -> new CollectionObject(context, id),
                accessStore::forget);
        context.setDirectory(directory);
        this.auditLog = new AuditLog(dataFile(bundleContext, "audit.log"), settings.auditMaxBytes(), Clock.systemUTC());
        this.openQuestions = new OpenQuestions(context.callers::isOnBus);
        context.setAccess(accessPolicy(settings));

        ItemObject items = new ItemObject(context);
        exportService(settings.gnomeKeyringInternalInterface());
        FallbackObject fallback = new FallbackObject(items);
        connection.addFallback(ObjectPaths.COLLECTIONS, fallback);
        connection.addFallback(ObjectPaths.ALIASES, fallback);
        connection.addFallback(ObjectPaths.SESSIONS, new SessionObject(sessions));
        connection.addFallback(ObjectPaths.PROMPTS, new PromptObject(prompts));
        Introspection.replaceFallback(connection, ObjectPaths.COLLECTIONS, Introspection.ITEM);
        Introspection.replaceFallback(connection, ObjectPaths.ALIASES, Introspection.ITEM);
        Introspection.replaceFallback(connection, ObjectPaths.SESSIONS, Introspection.SESSION);
        Introspection.replaceFallback(connection, ObjectPaths.PROMPTS, Introspection.PROMPT);
        this.nameWatch = connection.addSigHandler(DBus.NameOwnerChanged.class, this::nameOwnerChanged);
        this.login = new LoginBootstrap(context, loginPassphrase);
        engines.forEach((engine, info) -> directory.addEngine(engine, info.name()));
        LOG.info("Secret Service exported at {}", ObjectPaths.SERVICE);
    }

    /**
     * Applies a changed configuration without unexporting the service, its collections or its sessions, so clients
     * keep working across the change. Invalid properties are logged and change nothing.
     */
    @Modified
    void modified(Map<String, Object> properties) {
        Optional<SecretServiceSettings> parsed = SecretServiceSettings.parse(
                properties, "Keeping the previous configuration, so open sessions and collections are unchanged");
        if (parsed.isEmpty()) {
            return;
        }
        SecretServiceSettings previous = settings;
        SecretServiceSettings next = parsed.get();
        lastValidSettings = next;
        List<String> changed = next.changedFrom(previous);
        if (changed.isEmpty()) {
            return;
        }
        settings = next;
        context.limits.setMaxBytes(next.secretMaxBytes());
        auditLog.setMaxBytes(next.auditMaxBytes());
        if (changed.stream().anyMatch(key -> key.startsWith("access."))) {
            context.setAccess(accessPolicy(next));
        }
        if (changed.contains("aliases")) {
            directory.replaceAliasDefaults(next.aliases());
        }
        if (next.gnomeKeyringInternalInterface() != previous.gnomeKeyringInternalInterface()) {
            switchService(next.gnomeKeyringInternalInterface());
        }
        LOG.info("Applied the changed {} of {}; open sessions stay open", String.join(", ", changed), PID);
        if (!next.loginEngine().equals(previous.loginEngine())) {
            bootstrapLogin();
        }
    }

    @Deactivate
    void deactivate() {
        try {
            nameWatch.close();
        } catch (Exception e) {
            LOG.debug("Could not remove the NameOwnerChanged handler: {}", e.toString());
        }
        background.shutdownNow();
        context.prompts.dismissAll();
        directory.clear();
        context.sessions.closeAll();
        objects.unexport(ObjectPaths.SERVICE);
        for (String prefix :
                new String[] {ObjectPaths.COLLECTIONS, ObjectPaths.ALIASES, ObjectPaths.SESSIONS, ObjectPaths.PROMPTS
                }) {
            connection.removeFallback(prefix);
        }
        LOG.info("Secret Service withdrawn from the bus");
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addEngine(StorageEngine engine, Map<String, Object> properties) {
        EngineInfo info = EngineInfo.of(properties);
        // Exported first, so the login bootstrap never finds an engine whose collections are not served yet.
        if (directory != null) {
            directory.addEngine(engine, info.name());
        }
        engines.put(engine, info);
        if (directory != null) {
            bootstrapLogin();
        }
    }

    void removeEngine(StorageEngine engine, Map<String, Object> properties) {
        EngineInfo info = engines.remove(engine);
        if (info != null && directory != null) {
            directory.removeEngine(engine, info.name());
        }
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addPrompter(Prompter prompter, Map<String, Object> properties) {
        context().prompters.add(prompter, ranking(properties));
        bootstrapLogin();
    }

    void removePrompter(Prompter prompter) {
        context().prompters.remove(prompter);
    }

    /** Creates or unlocks login off the SCR thread, because key derivation takes a while. */
    private void bootstrapLogin() {
        if (login != null) {
            background.execute(() -> {
                if (login.run(loginEngine())) {
                    background.schedule(this::bootstrapLogin, 2, TimeUnit.SECONDS);
                }
            });
        }
    }

    private ServiceContext context() {
        return context;
    }

    /**
     * Returns the engine named by {@code login.engine}, which alone receives a new login collection: with
     * several stores, login must land in the configured one and never in whichever binds first.
     */
    private Optional<StorageEngine> loginEngine() {
        return engines.entrySet().stream()
                .filter(e -> e.getValue().name().equals(settings.loginEngine()))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    private Optional<StorageEngine> collectionCreator() {
        return engines.entrySet().stream()
                .filter(e -> e.getValue().createsCollections())
                .max(Comparator.comparingInt(e -> e.getValue().ranking()))
                .map(Map.Entry::getKey);
    }

    private void nameOwnerChanged(DBus.NameOwnerChanged signal) {
        String name = signal.name;
        if (name.startsWith(":") && signal.newOwner.isEmpty()) {
            context.sessions.closeAllOf(name);
            context.prompts.dismissAllOf(name);
            openQuestions.withdrawAllOf(name);
            context.callers.forget(name);
        }
    }

    private static Path aliasFile(BundleContext bundleContext) {
        return dataFile(bundleContext, "aliases.properties");
    }

    private static Path dataFile(BundleContext bundleContext, String name) {
        String data = bundleContext.getProperty("keyport.data.dir");
        return data == null || data.isBlank() ? null : Path.of(data, name);
    }

    private AccessPolicy accessPolicy(SecretServiceSettings settings) {
        LOG.info(
                "Access control: {} rule(s); without a reachable prompter, questions are {}",
                settings.accessRules().size(),
                settings.unattendedAllow() ? "allowed" : "denied");
        return new AccessPolicy(
                settings.accessRules(),
                accessStore,
                auditLog,
                context.prompters::best,
                settings.unattendedAllow(),
                settings.promptTimeout(),
                openQuestions);
    }

    /** Exports the service object, with gnome-keyring's internal interface or without. */
    private void exportService(boolean gnomeInternal) throws DBusException {
        if (gnomeInternal) {
            connection.exportObject(
                    ObjectPaths.SERVICE, new GnomeKeyringServiceObject(context, this::collectionCreator));
            Introspection.replace(
                    connection, ObjectPaths.SERVICE, Introspection.SERVICE + Introspection.GNOME_INTERNAL);
            LOG.info(
                    "Serving gnome-keyring's internal interface: programs on the bus can unlock with a master password");
        } else {
            connection.exportObject(ObjectPaths.SERVICE, new ServiceObject(context, this::collectionCreator));
            Introspection.replace(connection, ObjectPaths.SERVICE, Introspection.SERVICE);
        }
    }

    /**
     * Replaces the service object for a changed gnome.keyring.internal.interface. Sessions, collections and items
     * are other objects and stay exported; a call to the service path between the two steps fails with
     * UnknownObject.
     */
    private void switchService(boolean gnomeInternal) {
        objects.unexport(ObjectPaths.SERVICE);
        try {
            exportService(gnomeInternal);
        } catch (DBusException | RuntimeException e) {
            LOG.error(
                    "Could not export {} again after gnome.keyring.internal.interface changed", ObjectPaths.SERVICE, e);
        }
    }

    private static int ranking(Map<String, Object> properties) {
        return properties.get(Constants.SERVICE_RANKING) instanceof Integer ranking ? ranking : 0;
    }

    /** The properties of an engine service that the exporter uses. */
    private record EngineInfo(String name, boolean createsCollections, int ranking) {

        static EngineInfo of(Map<String, Object> properties) {
            Object name = properties.get(StorageEngine.NAME_PROPERTY);
            Object creates = properties.get(StorageEngine.CREATES_COLLECTIONS_PROPERTY);
            return new EngineInfo(
                    name == null ? "engine-" + properties.get(Constants.SERVICE_ID) : name.toString(),
                    Boolean.TRUE.equals(creates) || "true".equals(creates),
                    SecretServiceExporter.ranking(properties));
        }
    }
}
