package io.keyport.itests.secretservice;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.keyport.itests.secretservice.SecretServiceProxies.OutPair;
import io.keyport.itests.secretservice.SecretServiceProxies.SecretStruct;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.Variant;
import org.junit.Test;

/** {@code org.freedesktop.Secret.Service} at {@code /org/freedesktop/secrets}, with the core feature's memory engine. */
public class ServiceIT extends SecretServiceTestSupport {

    @Test
    public void openSessionPlainReturnsEmptyString() {
        OutPair<Variant<?>, DBusPath> reply = service.OpenSession(ClientSession.PLAIN, new Variant<>(""));

        assertEquals("s", reply.first().getSig());
        assertEquals("", reply.first().getValue());
        assertTrue(reply.second().getPath(), reply.second().getPath().startsWith(SERVICE_PATH + "/session/"));
    }

    @Test
    public void openSessionDhReturns128ByteKey() {
        ClientSession.KeyPair keys = ClientSession.KeyPair.generate();

        OutPair<Variant<?>, DBusPath> reply =
                service.OpenSession(ClientSession.DH, new Variant<>(keys.publicKeyBytes(), "ay"));

        assertEquals("ay", reply.first().getSig());
        assertEquals(ClientSession.GROUP_BYTES, ClientSession.bytesOf(reply.first()).length);
        assertTrue(reply.second().getPath(), reply.second().getPath().startsWith(SERVICE_PATH + "/session/"));
    }

    @Test
    public void openSessionReturnsDistinctPaths() {
        ClientSession first = openSession(ClientSession.PLAIN);
        ClientSession second = openSession(ClientSession.DH);

        assertNotEquals(first.path().getPath(), second.path().getPath());
    }

    @Test
    public void createCollectionIsNotSupported() {
        RawCall reply = raw(
                SERVICE_PATH,
                SERVICE_INTERFACE,
                "CreateCollection",
                "a{sv}s",
                Map.of("org.freedesktop.Secret.Collection.Label", new Variant<>("Work")),
                "");

        assertEquals(reply.describe(), NOT_SUPPORTED, reply.errorName());
        assertEquals(List.of(SESSION_COLLECTION), collectionsProperty());
    }

    @Test
    public void createCollectionReturnsAliasedCollection() {
        OutPair<DBusPath, DBusPath> reply = service.CreateCollection(
                Map.of("org.freedesktop.Secret.Collection.Label", new Variant<>("Another")), "session");

        assertEquals(SESSION_COLLECTION, reply.first().getPath());
        assertEquals(NONE, reply.second().getPath());
        assertEquals(List.of(SESSION_COLLECTION), collectionsProperty());
    }

    @Test
    public void searchItemsMatchesSubsetOfAttributes() throws Exception {
        Map<String, String> attributes = uniqueAttributes("user", "alice", "server", "example.org");
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", attributes, "secret");

        List<String> found = searchService(Map.of("test", attributes.get("test"), "user", "alice"), false);

        assertEquals(List.of(item), found);
    }

    @Test
    public void searchItemsRequiresEveryQueriedAttribute() throws Exception {
        Map<String, String> attributes = uniqueAttributes("user", "alice");
        createItem(openSession(ClientSession.PLAIN), "Mail", attributes, "secret");

        List<String> found = searchService(Map.of("test", attributes.get("test"), "server", "example.org"), false);

        assertEquals(List.of(), found);
    }

    @Test
    public void searchItemsComparesValuesCaseSensitively() throws Exception {
        Map<String, String> attributes = uniqueAttributes("user", "Alice");
        createItem(openSession(ClientSession.PLAIN), "Mail", attributes, "secret");

        assertEquals(List.of(), searchService(Map.of("test", attributes.get("test"), "user", "alice"), false));
        assertEquals(List.of(), searchService(Map.of("test", attributes.get("test"), "User", "Alice"), false));
        assertEquals(List.of(), searchService(Map.of("test", attributes.get("test"), "user", "Alic"), false));
    }

    @Test
    public void searchItemsWithEmptyQueryMatchesAll() throws Exception {
        ClientSession session = openSession(ClientSession.PLAIN);
        String first = createItem(session, "First", uniqueAttributes(), "one");
        String second = createItem(session, "Second", uniqueAttributes(), "two");

        List<String> found = searchService(Map.of(), false);

        assertEquals(Set.of(first, second), Set.copyOf(found));
        assertEquals(2, found.size());
    }

    @Test
    public void searchItemsSplitsLockedItems() throws Exception {
        Map<String, String> attributes = uniqueAttributes();
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", attributes, "secret");
        service.Lock(List.of(new DBusPath(SESSION_COLLECTION)));

        assertEquals(List.of(), searchService(attributes, false));
        assertEquals(List.of(item), searchService(attributes, true));
    }

    @Test
    public void unlockReturnsUnlockedCollection() {
        OutPair<List<DBusPath>, DBusPath> reply = service.Unlock(List.of(new DBusPath(SESSION_COLLECTION)));

        assertEquals(List.of(SESSION_COLLECTION), paths(reply.first()));
        assertEquals(NONE, reply.second().getPath());
    }

    @Test
    public void unlockOpensMemoryCollectionAtOnce() throws Exception {
        service.Lock(List.of(new DBusPath(SESSION_COLLECTION)));

        OutPair<List<DBusPath>, DBusPath> reply = service.Unlock(List.of(new DBusPath(SESSION_COLLECTION)));

        assertEquals(List.of(SESSION_COLLECTION), paths(reply.first()));
        assertEquals(NONE, reply.second().getPath());
        assertEquals(Boolean.FALSE, property(SESSION_COLLECTION, COLLECTION_INTERFACE, "Locked"));
    }

    @Test
    public void unlockReturnsItemPaths() throws Exception {
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");
        service.Lock(List.of(new DBusPath(SESSION_COLLECTION)));

        OutPair<List<DBusPath>, DBusPath> reply = service.Unlock(List.of(new DBusPath(item)));

        assertEquals(List.of(item), paths(reply.first()));
        assertEquals(NONE, reply.second().getPath());
        assertEquals(Boolean.FALSE, property(item, ITEM_INTERFACE, "Locked"));
    }

    @Test
    public void unlockLeavesOutUnknownCollection() {
        OutPair<List<DBusPath>, DBusPath> reply =
                service.Unlock(List.of(new DBusPath(SERVICE_PATH + "/collection/absent")));

        assertEquals(List.of(), paths(reply.first()));
        assertEquals(NONE, reply.second().getPath());
    }

    @Test
    public void unlockLeavesOutUnknownItem() {
        OutPair<List<DBusPath>, DBusPath> reply = service.Unlock(List.of(new DBusPath(SESSION_COLLECTION + "/999999")));

        assertEquals(List.of(), paths(reply.first()));
        assertEquals(NONE, reply.second().getPath());
    }

    @Test
    public void lockReturnsCollectionWithoutPrompt() throws Exception {
        OutPair<List<DBusPath>, DBusPath> reply = service.Lock(List.of(new DBusPath(SESSION_COLLECTION)));

        assertEquals(List.of(SESSION_COLLECTION), paths(reply.first()));
        assertEquals(NONE, reply.second().getPath());
        assertEquals(Boolean.TRUE, property(SESSION_COLLECTION, COLLECTION_INTERFACE, "Locked"));
    }

    @Test
    public void lockLocksItemsOfCollection() throws Exception {
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");

        service.Lock(List.of(new DBusPath(SESSION_COLLECTION)));

        assertEquals(Boolean.TRUE, property(item, ITEM_INTERFACE, "Locked"));
    }

    @Test
    public void lockLeavesOutUnknownItem() {
        OutPair<List<DBusPath>, DBusPath> reply = service.Lock(List.of(new DBusPath(SESSION_COLLECTION + "/999999")));

        assertEquals(List.of(), paths(reply.first()));
    }

    @Test
    public void getSecretsReturnsSecretsOverPlain() throws Exception {
        getSecretsReturnsSecrets(ClientSession.PLAIN);
    }

    @Test
    public void getSecretsReturnsSecretsOverDh() throws Exception {
        getSecretsReturnsSecrets(ClientSession.DH);
    }

    private void getSecretsReturnsSecrets(String algorithm) throws Exception {
        ClientSession session = openSession(algorithm);
        String first = createItem(session, "First", uniqueAttributes(), "first secret");
        String second = createItem(session, "Second", uniqueAttributes(), "second secret");

        Map<DBusPath, SecretStruct> secrets =
                service.GetSecrets(List.of(new DBusPath(first), new DBusPath(second)), session.path());

        Map<String, SecretStruct> byPath = byPath(secrets);
        assertEquals(Set.of(first, second), byPath.keySet());
        assertArrayEquals(utf8("first secret"), session.decode(byPath.get(first)));
        assertArrayEquals(utf8("second secret"), session.decode(byPath.get(second)));
        assertEquals(session.path().getPath(), byPath.get(first).getSession().getPath());
        assertEquals("text/plain", byPath.get(first).getContentType());
    }

    @Test
    public void getSecretsLeavesOutLockedItems() throws Exception {
        ClientSession session = openSession(ClientSession.DH);
        String item = createItem(session, "Mail", uniqueAttributes(), "secret");
        service.Lock(List.of(new DBusPath(SESSION_COLLECTION)));

        Map<DBusPath, SecretStruct> secrets = service.GetSecrets(List.of(new DBusPath(item)), session.path());

        assertEquals(Map.of(), byPath(secrets));
    }

    @Test
    public void getSecretsLeavesOutMissingItems() throws Exception {
        ClientSession session = openSession(ClientSession.PLAIN);
        String item = createItem(session, "Mail", uniqueAttributes(), "secret");
        String missing = SESSION_COLLECTION + "/999999";
        String absentCollection = SERVICE_PATH + "/collection/absent/1";

        Map<DBusPath, SecretStruct> secrets = service.GetSecrets(
                List.of(new DBusPath(missing), new DBusPath(item), new DBusPath(absentCollection)), session.path());

        assertEquals(List.of(item), List.copyOf(byPath(secrets).keySet()));
    }

    @Test
    public void getSecretsRejectsForeignSession() throws Exception {
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");
        DBusConnection other = openClient();
        ClientSession foreign = ClientSession.open(serviceOn(other), ClientSession.PLAIN);

        RawCall reply =
                raw(SERVICE_PATH, SERVICE_INTERFACE, "GetSecrets", "aoo", List.of(new DBusPath(item)), foreign.path());

        assertEquals(reply.describe(), NO_SESSION, reply.errorName());
    }

    @Test
    public void readAliasDefaultIsNoneWithoutLogin() {
        assertEquals(NONE, service.ReadAlias("default").getPath());
    }

    @Test
    public void readAliasSessionIsSessionCollection() {
        assertEquals(SESSION_COLLECTION, service.ReadAlias("session").getPath());
    }

    @Test
    public void readAliasUnknownIsNone() {
        assertEquals(NONE, service.ReadAlias("nosuchalias").getPath());
    }

    @Test
    public void setAliasPointsAliasAtCollection() {
        removeAfterTest("work");

        service.SetAlias("work", new DBusPath(SESSION_COLLECTION));

        assertEquals(SESSION_COLLECTION, service.ReadAlias("work").getPath());
    }

    @Test
    public void aliasPathServesCollection() throws Exception {
        removeAfterTest("work");
        service.SetAlias("work", new DBusPath(SESSION_COLLECTION));
        Map<String, String> attributes = uniqueAttributes();
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", attributes, "secret");

        assertEquals(SESSION_LABEL, property(SERVICE_PATH + "/aliases/work", COLLECTION_INTERFACE, "Label"));
        assertEquals(
                List.of(item), paths(collection(SERVICE_PATH + "/aliases/work").SearchItems(attributes)));
    }

    @Test
    public void createItemThroughAliasPath() throws Exception {
        removeAfterTest("work");
        service.SetAlias("work", new DBusPath(SESSION_COLLECTION));
        Map<String, String> attributes = uniqueAttributes();
        ClientSession session = openSession(ClientSession.DH);

        OutPair<DBusPath, DBusPath> created = collection(SERVICE_PATH + "/aliases/work")
                .CreateItem(itemProperties("Mail", attributes), session.encode(utf8("secret"), "text/plain"), false);

        assertEquals(List.of(created.first().getPath()), searchService(attributes, false));
        assertArrayEquals(utf8("secret"), secretOf(created.first().getPath(), session));
    }

    @Test
    public void setAliasToNoneRemovesAlias() {
        service.SetAlias("work", new DBusPath(SESSION_COLLECTION));

        service.SetAlias("work", new DBusPath(NONE));

        assertEquals(NONE, service.ReadAlias("work").getPath());
        RawCall reply = raw(SERVICE_PATH + "/aliases/work", PROPERTIES_INTERFACE, "GetAll", "s", COLLECTION_INTERFACE);
        assertEquals(reply.describe(), NO_SUCH_OBJECT, reply.errorName());
    }

    @Test
    public void setAliasToMissingCollectionIsNoSuchObject() {
        RawCall reply = raw(
                SERVICE_PATH,
                SERVICE_INTERFACE,
                "SetAlias",
                "so",
                "work",
                new DBusPath(SERVICE_PATH + "/collection/absent"));

        assertEquals(reply.describe(), NO_SUCH_OBJECT, reply.errorName());
        assertEquals(NONE, service.ReadAlias("work").getPath());
    }

    @Test
    public void setAliasRejectsInvalidName() {
        RawCall reply =
                raw(SERVICE_PATH, SERVICE_INTERFACE, "SetAlias", "so", "no-dashes", new DBusPath(SESSION_COLLECTION));

        assertEquals(reply.describe(), INVALID_ARGS, reply.errorName());
    }

    @Test
    public void setAliasToItemIsNoSuchObject() throws Exception {
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");

        RawCall reply = raw(SERVICE_PATH, SERVICE_INTERFACE, "SetAlias", "so", "work", new DBusPath(item));

        assertEquals(reply.describe(), NO_SUCH_OBJECT, reply.errorName());
        assertEquals(NONE, service.ReadAlias("work").getPath());
    }

    @Test
    public void collectionsPropertyListsSessionCollection() throws Exception {
        Map<String, Variant<?>> all = properties(SERVICE_PATH).GetAll(SERVICE_INTERFACE);

        assertEquals(List.of(SESSION_COLLECTION), collectionsProperty());
        assertEquals("ao", all.get("Collections").getSig());
        assertEquals(List.of("Collections"), List.copyOf(all.keySet()));
    }

    @Test
    public void collectionsPropertyLeavesOutAliases() {
        removeAfterTest("work");
        service.SetAlias("work", new DBusPath(SESSION_COLLECTION));

        assertEquals(List.of(SESSION_COLLECTION), collectionsProperty());
    }

    @Test
    public void collectionsPropertyIsReadOnly() {
        RawCall reply = raw(
                SERVICE_PATH,
                PROPERTIES_INTERFACE,
                "Set",
                "ssv",
                SERVICE_INTERFACE,
                "Collections",
                new Variant<>(List.of(new DBusPath(SESSION_COLLECTION)), "ao"));

        assertEquals(reply.describe(), PROPERTY_READ_ONLY, reply.errorName());
    }

    @Test
    public void collectionChangedFollowsLabelChange() throws Exception {
        try (SignalRecorder changed = SignalRecorder.listen(client, SERVICE_INTERFACE, "CollectionChanged")) {
            properties(SESSION_COLLECTION).Set(COLLECTION_INTERFACE, "Label", new Variant<>("Renamed"));

            SignalRecorder.Received signal = changed.await(
                    "for the session collection", s -> s.firstArgument().equals(SESSION_COLLECTION));

            assertEquals(SERVICE_PATH, signal.path());
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> collectionsProperty() {
        try {
            Object value = property(SERVICE_PATH, SERVICE_INTERFACE, "Collections");
            return paths((List<DBusPath>) value);
        } catch (DBusException e) {
            throw new IllegalStateException("Could not read Collections", e);
        }
    }

    private static Map<String, SecretStruct> byPath(Map<DBusPath, SecretStruct> secrets) {
        Map<String, SecretStruct> byPath = new TreeMap<>();
        secrets.forEach((path, secret) -> byPath.put(path.getPath(), secret));
        return byPath;
    }
}
