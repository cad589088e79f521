package io.keyport.itests.secretservice;

import io.keyport.itests.KeyportTestSupport;
import io.keyport.itests.Poll;
import io.keyport.itests.secretservice.SecretServiceProxies.CollectionProxy;
import io.keyport.itests.secretservice.SecretServiceProxies.ItemProxy;
import io.keyport.itests.secretservice.SecretServiceProxies.OutPair;
import io.keyport.itests.secretservice.SecretServiceProxies.SecretStruct;
import io.keyport.itests.secretservice.SecretServiceProxies.ServiceProxy;
import io.keyport.itests.secretservice.SecretServiceProxies.SessionProxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;
import org.junit.After;
import org.junit.Before;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * Base of the Secret Service tests in the Pax Exam container: a client connection of the test's own,
 * proxies for the Secret Service objects, and the memory engine's {@code session} collection emptied,
 * unlocked and relabelled after every test, so the tests of a class do not see each other's items.
 */
public abstract class SecretServiceTestSupport extends KeyportTestSupport {

    protected static final String SERVICE_PATH = "/org/freedesktop/secrets";
    protected static final String SESSION_COLLECTION = SERVICE_PATH + "/collection/session";
    protected static final String SESSION_ALIAS = SERVICE_PATH + "/aliases/session";
    protected static final String NONE = "/";

    protected static final String SERVICE_INTERFACE = "org.freedesktop.Secret.Service";
    protected static final String COLLECTION_INTERFACE = "org.freedesktop.Secret.Collection";
    protected static final String ITEM_INTERFACE = "org.freedesktop.Secret.Item";
    protected static final String SESSION_INTERFACE = "org.freedesktop.Secret.Session";
    protected static final String PROPERTIES_INTERFACE = "org.freedesktop.DBus.Properties";

    protected static final String ITEM_LABEL = "org.freedesktop.Secret.Item.Label";
    protected static final String ITEM_ATTRIBUTES = "org.freedesktop.Secret.Item.Attributes";

    protected static final String INVALID_ARGS = "org.freedesktop.DBus.Error.InvalidArgs";
    protected static final String NOT_SUPPORTED = "org.freedesktop.DBus.Error.NotSupported";
    protected static final String PROPERTY_READ_ONLY = "org.freedesktop.DBus.Error.PropertyReadOnly";
    protected static final String NO_SESSION = "org.freedesktop.Secret.Error.NoSession";
    protected static final String NO_SUCH_OBJECT = "org.freedesktop.Secret.Error.NoSuchObject";
    protected static final String IS_LOCKED = "org.freedesktop.Secret.Error.IsLocked";

    protected static final String MEMORY_ENGINE_BUNDLE = "io.keyport.storage-memory";

    /** The label that the core feature gives the session collection. */
    protected static final String SESSION_LABEL = "Session";

    protected DBusConnection client;
    protected ServiceProxy service;

    private final Set<String> aliasesToRemove = new LinkedHashSet<>();

    @Before
    public void connectClient() throws DBusException {
        awaitOwner(SECRETS_NAME);
        client = openClient();
        service = client.getRemoteObject(SECRETS_NAME, SERVICE_PATH, ServiceProxy.class);
        Poll.until(
                "the session collection to be served",
                () -> service.ReadAlias("session").getPath().equals(SESSION_COLLECTION),
                () -> "ReadAlias(session) returns " + service.ReadAlias("session"));
    }

    /** Empties, unlocks and relabels the session collection, and removes the aliases the test set. */
    @After
    public void resetSessionCollection() throws DBusException {
        if (client == null || !service.ReadAlias("session").getPath().equals(SESSION_COLLECTION)) {
            return;
        }
        service.Unlock(List.of(new DBusPath(SESSION_COLLECTION)));
        for (DBusPath item : collection(SESSION_COLLECTION).SearchItems(Map.of())) {
            item(item.getPath()).Delete();
        }
        properties(SESSION_COLLECTION).Set(COLLECTION_INTERFACE, "Label", new Variant<>(SESSION_LABEL));
        for (String alias : aliasesToRemove) {
            service.SetAlias(alias, new DBusPath(NONE));
        }
    }

    /** Returns the bundle of the memory storage engine, which serves the session collection. */
    protected Bundle memoryEngineBundle() {
        return Arrays.stream(bundleContext.getBundles())
                .filter(bundle -> MEMORY_ENGINE_BUNDLE.equals(bundle.getSymbolicName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("Bundle " + MEMORY_ENGINE_BUNDLE + " is not installed"));
    }

    /** Starts the memory engine's bundle if a test stopped it, and waits for its session collection. */
    protected void ensureMemoryEngineStarted() throws BundleException {
        if (memoryEngineBundle().getState() != Bundle.ACTIVE) {
            memoryEngineBundle().start();
        }
        Poll.until(
                "the session collection to be served again",
                () -> service.ReadAlias("session").getPath().equals(SESSION_COLLECTION),
                () -> "ReadAlias(session) returns " + service.ReadAlias("session"));
    }

    /** Remembers an alias that the test sets, so that it is removed after the test. */
    protected void removeAfterTest(String alias) {
        aliasesToRemove.add(alias);
    }

    protected CollectionProxy collection(String path) throws DBusException {
        return client.getRemoteObject(SECRETS_NAME, path, CollectionProxy.class);
    }

    protected ItemProxy item(String path) throws DBusException {
        return client.getRemoteObject(SECRETS_NAME, path, ItemProxy.class);
    }

    protected SessionProxy session(String path) throws DBusException {
        return client.getRemoteObject(SECRETS_NAME, path, SessionProxy.class);
    }

    protected Properties properties(String path) throws DBusException {
        return client.getRemoteObject(SECRETS_NAME, path, Properties.class);
    }

    /** Returns the service proxy on another connection, for calls from a second client. */
    protected ServiceProxy serviceOn(DBusConnection connection) throws DBusException {
        return connection.getRemoteObject(SECRETS_NAME, SERVICE_PATH, ServiceProxy.class);
    }

    protected ClientSession openSession(String algorithm) {
        return ClientSession.open(service, algorithm);
    }

    /** Creates an item in the session collection without replacing, and returns its path. */
    protected String createItem(ClientSession session, String label, Map<String, String> attributes, String secret)
            throws DBusException {
        return createItem(session, label, attributes, utf8(secret), "text/plain", false);
    }

    /** Creates an item in the session collection and returns its path; the prompt must be {@code /}. */
    protected String createItem(
            ClientSession session,
            String label,
            Map<String, String> attributes,
            byte[] secret,
            String contentType,
            boolean replace)
            throws DBusException {
        OutPair<DBusPath, DBusPath> created = collection(SESSION_COLLECTION)
                .CreateItem(itemProperties(label, attributes), session.encode(secret, contentType), replace);
        if (!created.second().getPath().equals(NONE)) {
            throw new AssertionError("CreateItem returned prompt " + created.second() + ", expected /");
        }
        return created.first().getPath();
    }

    /** Returns CreateItem properties with a label and attributes. */
    protected static Map<String, Variant<?>> itemProperties(String label, Map<String, String> attributes) {
        Map<String, Variant<?>> properties = new HashMap<>();
        properties.put(ITEM_LABEL, new Variant<>(label));
        properties.put(ITEM_ATTRIBUTES, new Variant<>(attributes, "a{ss}"));
        return properties;
    }

    /** Reads an item's secret over {@code session} and decodes it. */
    protected byte[] secretOf(String itemPath, ClientSession session) throws DBusException {
        return session.decode(item(itemPath).GetSecret(session.path()));
    }

    /** Returns the struct of GetSecret, for tests of its fields. */
    protected SecretStruct secretStructOf(String itemPath, ClientSession session) throws DBusException {
        return item(itemPath).GetSecret(session.path());
    }

    protected List<String> searchService(Map<String, String> attributes, boolean locked) {
        OutPair<List<DBusPath>, List<DBusPath>> found = service.SearchItems(attributes);
        return paths(locked ? found.second() : found.first());
    }

    protected <T> T property(String path, String interfaceName, String name) throws DBusException {
        return properties(path).Get(interfaceName, name);
    }

    protected long timestamp(String path, String interfaceName, String name) throws DBusException {
        Object value = property(path, interfaceName, name);
        return value instanceof UInt64 unsigned ? unsigned.longValue() : ((Number) value).longValue();
    }

    /** Calls a method with an explicit signature and returns the reply, errors included. */
    protected RawCall raw(String path, String interfaceName, String member, String signature, Object... arguments) {
        return RawCall.call(client, path, interfaceName, member, signature, arguments);
    }

    /** Calls CreateItem on the session collection through a raw call, for the error cases. */
    protected RawCall rawCreateItem(Map<String, Variant<?>> properties, SecretStruct secret) {
        return raw(
                SESSION_COLLECTION,
                COLLECTION_INTERFACE,
                "CreateItem",
                "a{sv}(oayays)b",
                properties,
                structOf(secret),
                false);
    }

    /** Returns the struct's fields in order, as a raw call marshals a struct. */
    protected static Object[] structOf(SecretStruct secret) {
        return new Object[] {
            secret.getSession(), secret.getAlgorithmParameters(), secret.getValue(), secret.getContentType()
        };
    }

    /** Waits until the clock has passed {@code epochSecond}, so that a later change gets a later timestamp. */
    protected static void awaitSecondAfter(long epochSecond) {
        Poll.until(
                "the clock to pass " + epochSecond,
                () -> Instant.now().getEpochSecond() > epochSecond,
                () -> "It is " + Instant.now());
    }

    /** Returns attributes unique to one test: {@code test} is a random id, plus the given pairs. */
    protected static Map<String, String> uniqueAttributes(String... pairs) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("test", UUID.randomUUID().toString());
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            attributes.put(pairs[i], pairs[i + 1]);
        }
        return attributes;
    }

    protected static List<String> paths(List<? extends DBusPath> paths) {
        List<String> strings = new ArrayList<>();
        for (DBusPath path : paths) {
            strings.add(path.getPath());
        }
        return strings;
    }

    protected static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the id part of an item path: what follows the collection's path. */
    protected static String itemId(String itemPath) {
        return itemPath.substring(itemPath.lastIndexOf('/') + 1);
    }
}
