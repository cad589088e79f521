package io.keyport.itests.secretservice;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.interfaces.Introspectable;
import org.junit.After;
import org.junit.Test;

/**
 * A storage engine that goes away and comes back while clients are connected: the memory engine's bundle
 * is stopped and started under an open session.
 */
public class EngineLifecycleIT extends SecretServiceTestSupport {

    @Inject
    private DBusConnection keyportConnection;

    @After
    public void startEngineAgain() throws Exception {
        ensureMemoryEngineStarted();
    }

    @Test
    public void stoppingEngineSendsCollectionDeleted() throws Exception {
        try (SignalRecorder deleted = SignalRecorder.listen(client, SERVICE_INTERFACE, "CollectionDeleted")) {
            memoryEngineBundle().stop();

            SignalRecorder.Received signal = deleted.await(
                    "for the session collection", s -> s.firstArgument().equals(SESSION_COLLECTION));

            assertEquals(SERVICE_PATH, signal.path());
        }
    }

    @Test
    public void stoppingEngineWithdrawsCollection() throws Exception {
        memoryEngineBundle().stop();

        assertEquals(NONE, service.ReadAlias("session").getPath());
        assertEquals(List.of(), paths(property(SERVICE_PATH, SERVICE_INTERFACE, "Collections")));
        RawCall alias = raw(SESSION_ALIAS, COLLECTION_INTERFACE, "SearchItems", "a{ss}", Map.of());
        assertEquals(alias.describe(), NO_SUCH_OBJECT, alias.errorName());
        String node = collectionNode();
        assertFalse(node, node.contains("<node name=\"session\""));
    }

    @Test
    public void withdrawnCollectionPathIsNoSuchObject() throws Exception {
        memoryEngineBundle().stop();

        RawCall properties = raw(SESSION_COLLECTION, PROPERTIES_INTERFACE, "GetAll", "s", COLLECTION_INTERFACE);
        RawCall search = raw(SESSION_COLLECTION, COLLECTION_INTERFACE, "SearchItems", "a{ss}", Map.of());

        assertEquals(properties.describe(), NO_SUCH_OBJECT, properties.errorName());
        assertEquals(search.describe(), NO_SUCH_OBJECT, search.errorName());
    }

    @Test
    public void stoppingEngineChangesCollectionsProperty() throws Exception {
        try (SignalRecorder changed = SignalRecorder.listen(client, PROPERTIES_INTERFACE, "PropertiesChanged")) {
            memoryEngineBundle().stop();

            changed.await(
                    "with no collections",
                    s -> s.path().equals(SERVICE_PATH)
                            && List.of().equals(s.changedProperties().get("Collections")));
        }
    }

    @Test
    public void startingEngineSendsCollectionCreated() throws Exception {
        memoryEngineBundle().stop();
        try (SignalRecorder created = SignalRecorder.listen(client, SERVICE_INTERFACE, "CollectionCreated")) {
            memoryEngineBundle().start();

            SignalRecorder.Received signal = created.await(
                    "for the session collection", s -> s.firstArgument().equals(SESSION_COLLECTION));

            assertEquals(SERVICE_PATH, signal.path());
        }
    }

    @Test
    public void startingEngineRestoresCollection() throws Exception {
        memoryEngineBundle().stop();

        memoryEngineBundle().start();
        ensureMemoryEngineStarted();

        assertEquals(SESSION_COLLECTION, service.ReadAlias("session").getPath());
        assertEquals(List.of(SESSION_COLLECTION), paths(property(SERVICE_PATH, SERVICE_INTERFACE, "Collections")));
        assertEquals(SESSION_LABEL, property(SESSION_COLLECTION, COLLECTION_INTERFACE, "Label"));
        assertEquals(SESSION_LABEL, property(SESSION_ALIAS, COLLECTION_INTERFACE, "Label"));
        assertTrue(collectionNode().contains("<node name=\"session\""));
    }

    @Test
    public void restartedEngineStartsEmpty() throws Exception {
        Map<String, String> attributes = uniqueAttributes();
        createItem(openSession(ClientSession.PLAIN), "Mail", attributes, "secret");

        memoryEngineBundle().stop();
        memoryEngineBundle().start();
        ensureMemoryEngineStarted();

        assertEquals(List.of(), searchService(attributes, false));
    }

    @Test
    public void sessionSurvivesEngineRestart() throws Exception {
        ClientSession session = openSession(ClientSession.DH);

        memoryEngineBundle().stop();
        memoryEngineBundle().start();
        ensureMemoryEngineStarted();
        String item = createItem(session, "Mail", uniqueAttributes(), "after restart");

        Map<DBusPath, SecretServiceProxies.SecretStruct> secrets =
                service.GetSecrets(List.of(new DBusPath(item)), session.path());
        assertEquals(1, secrets.size());
        assertArrayEquals(
                utf8("after restart"),
                session.decode(secrets.values().iterator().next()));
    }

    @Test
    public void daemonKeepsNameWhileEngineIsAway() throws Exception {
        memoryEngineBundle().stop();

        assertEquals(keyportConnection.getUniqueName(), awaitOwner(SECRETS_NAME));
        assertEquals(NONE, service.ReadAlias("default").getPath());
    }

    @Test
    public void createItemWithoutEngineIsNoSuchObject() throws Exception {
        ClientSession session = openSession(ClientSession.PLAIN);
        memoryEngineBundle().stop();

        RawCall reply =
                rawCreateItem(itemProperties("Mail", uniqueAttributes()), session.encode(utf8("secret"), "text/plain"));

        assertEquals(reply.describe(), NO_SUCH_OBJECT, reply.errorName());
    }

    private String collectionNode() throws Exception {
        return client.getRemoteObject(SECRETS_NAME, SERVICE_PATH + "/collection", Introspectable.class)
                .Introspect();
    }
}
