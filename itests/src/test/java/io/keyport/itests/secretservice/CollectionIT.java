package io.keyport.itests.secretservice;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.keyport.itests.secretservice.SecretServiceProxies.OutPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;
import org.junit.Test;

/** {@code org.freedesktop.Secret.Collection} on the memory engine's session collection. */
public class CollectionIT extends SecretServiceTestSupport {

    @Test
    public void itemsPropertyListsCreatedItems() throws Exception {
        ClientSession session = openSession(ClientSession.PLAIN);
        String first = createItem(session, "First", uniqueAttributes(), "one");
        String second = createItem(session, "Second", uniqueAttributes(), "two");

        List<String> items = paths(property(SESSION_COLLECTION, COLLECTION_INTERFACE, "Items"));

        assertEquals(Set.of(first, second), Set.copyOf(items));
        assertEquals(2, items.size());
    }

    @Test
    public void itemPathsLieUnderCollectionPath() throws Exception {
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");

        assertTrue(item, item.matches(SESSION_COLLECTION + "/[A-Za-z0-9_]+"));
    }

    @Test
    public void labelPropertyIsConfiguredLabel() throws Exception {
        assertEquals(SESSION_LABEL, property(SESSION_COLLECTION, COLLECTION_INTERFACE, "Label"));
    }

    @Test
    public void setLabelChangesLabel() throws Exception {
        properties(SESSION_COLLECTION).Set(COLLECTION_INTERFACE, "Label", new Variant<>("Renamed"));

        assertEquals("Renamed", property(SESSION_COLLECTION, COLLECTION_INTERFACE, "Label"));
        assertEquals("Renamed", property(SESSION_ALIAS, COLLECTION_INTERFACE, "Label"));
    }

    @Test
    public void setLabelSendsPropertiesChanged() throws Exception {
        try (SignalRecorder changed = SignalRecorder.listen(client, PROPERTIES_INTERFACE, "PropertiesChanged")) {
            properties(SESSION_COLLECTION).Set(COLLECTION_INTERFACE, "Label", new Variant<>("Renamed"));

            SignalRecorder.Received signal = changed.await(
                    "with the new label",
                    s -> s.path().equals(SESSION_COLLECTION) && labelOf(s).equals("Renamed"));

            assertEquals(COLLECTION_INTERFACE, signal.firstArgument());
        }
    }

    @Test
    public void lockedPropertyFollowsLock() throws Exception {
        assertEquals(Boolean.FALSE, property(SESSION_COLLECTION, COLLECTION_INTERFACE, "Locked"));

        service.Lock(List.of(new DBusPath(SESSION_COLLECTION)));

        assertEquals(Boolean.TRUE, property(SESSION_COLLECTION, COLLECTION_INTERFACE, "Locked"));
    }

    @Test
    public void lockSendsPropertiesChanged() throws Exception {
        try (SignalRecorder changed = SignalRecorder.listen(client, PROPERTIES_INTERFACE, "PropertiesChanged")) {
            service.Lock(List.of(new DBusPath(SESSION_COLLECTION)));

            SignalRecorder.Received signal = changed.await(
                    "with Locked true",
                    s -> s.path().equals(SESSION_COLLECTION)
                            && Boolean.TRUE.equals(s.changedProperties().get("Locked")));

            assertEquals(COLLECTION_INTERFACE, signal.firstArgument());
        }
    }

    @Test
    public void createdPropertyIsNotInFuture() throws Exception {
        long created = timestamp(SESSION_COLLECTION, COLLECTION_INTERFACE, "Created");

        assertTrue(String.valueOf(created), created > 0);
        assertTrue(String.valueOf(created), created <= Instant.now().getEpochSecond());
    }

    @Test
    public void modifiedPropertyAdvancesOnNewItem() throws Exception {
        long before = timestamp(SESSION_COLLECTION, COLLECTION_INTERFACE, "Modified");
        awaitSecondAfter(before);

        createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");

        assertTrue(before < timestamp(SESSION_COLLECTION, COLLECTION_INTERFACE, "Modified"));
    }

    @Test
    public void modifiedPropertyIsNotBeforeCreated() throws Exception {
        long created = timestamp(SESSION_COLLECTION, COLLECTION_INTERFACE, "Created");

        assertTrue(created <= timestamp(SESSION_COLLECTION, COLLECTION_INTERFACE, "Modified"));
    }

    @Test
    public void getAllReturnsEveryProperty() throws Exception {
        Map<String, Variant<?>> all = properties(SESSION_COLLECTION).GetAll(COLLECTION_INTERFACE);

        assertEquals(Set.of("Items", "Label", "Locked", "Created", "Modified"), all.keySet());
        assertEquals("ao", all.get("Items").getSig());
        assertEquals("s", all.get("Label").getSig());
        assertEquals("b", all.get("Locked").getSig());
        assertEquals("t", all.get("Created").getSig());
        assertEquals("t", all.get("Modified").getSig());
    }

    @Test
    public void setLockedIsReadOnly() {
        RawCall reply = raw(
                SESSION_COLLECTION,
                PROPERTIES_INTERFACE,
                "Set",
                "ssv",
                COLLECTION_INTERFACE,
                "Locked",
                new Variant<>(true));

        assertEquals(reply.describe(), PROPERTY_READ_ONLY, reply.errorName());
    }

    @Test
    public void setLabelWithWrongTypeIsInvalidArgs() {
        RawCall reply = raw(
                SESSION_COLLECTION,
                PROPERTIES_INTERFACE,
                "Set",
                "ssv",
                COLLECTION_INTERFACE,
                "Label",
                new Variant<>(7));

        assertEquals(reply.describe(), INVALID_ARGS, reply.errorName());
    }

    @Test
    public void searchItemsFindsSubsetMatches() throws Exception {
        Map<String, String> attributes = uniqueAttributes("user", "alice", "server", "example.org");
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", attributes, "secret");
        createItem(openSession(ClientSession.PLAIN), "Other", uniqueAttributes("user", "alice"), "secret");

        List<DBusPath> found =
                collection(SESSION_COLLECTION).SearchItems(Map.of("test", attributes.get("test"), "user", "alice"));

        assertEquals(List.of(item), paths(found));
    }

    @Test
    public void searchItemsFindsItemsWhileLocked() throws Exception {
        Map<String, String> attributes = uniqueAttributes();
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", attributes, "secret");
        service.Lock(List.of(new DBusPath(SESSION_COLLECTION)));

        assertEquals(List.of(item), paths(collection(SESSION_COLLECTION).SearchItems(attributes)));
    }

    @Test
    public void searchItemsComparesCaseSensitively() throws Exception {
        Map<String, String> attributes = uniqueAttributes("user", "Alice");
        createItem(openSession(ClientSession.PLAIN), "Mail", attributes, "secret");

        List<DBusPath> found =
                collection(SESSION_COLLECTION).SearchItems(Map.of("test", attributes.get("test"), "user", "ALICE"));

        assertEquals(List.of(), paths(found));
    }

    @Test
    public void createItemOverPlainStoresItem() throws Exception {
        createItemStoresItem(ClientSession.PLAIN);
    }

    @Test
    public void createItemOverDhStoresItem() throws Exception {
        createItemStoresItem(ClientSession.DH);
    }

    private void createItemStoresItem(String algorithm) throws Exception {
        ClientSession session = openSession(algorithm);
        Map<String, String> attributes = uniqueAttributes("user", "alice");

        OutPair<DBusPath, DBusPath> created = collection(SESSION_COLLECTION)
                .CreateItem(itemProperties("Mail", attributes), session.encode(utf8("hunter2"), "text/plain"), false);
        String item = created.first().getPath();

        assertEquals(NONE, created.second().getPath());
        assertEquals("Mail", property(item, ITEM_INTERFACE, "Label"));
        assertEquals(attributes, property(item, ITEM_INTERFACE, "Attributes"));
        assertArrayEquals(utf8("hunter2"), secretOf(item, session));
    }

    @Test
    public void createItemWithoutPropertiesHasEmptyLabel() throws Exception {
        ClientSession session = openSession(ClientSession.PLAIN);

        OutPair<DBusPath, DBusPath> created = collection(SESSION_COLLECTION)
                .CreateItem(Map.of(), session.encode(utf8("secret"), "text/plain"), false);

        assertEquals("", property(created.first().getPath(), ITEM_INTERFACE, "Label"));
        assertEquals(Map.of(), property(created.first().getPath(), ITEM_INTERFACE, "Attributes"));
    }

    @Test
    public void createItemReplacesItemWithIdenticalAttributes() throws Exception {
        ClientSession session = openSession(ClientSession.DH);
        Map<String, String> attributes = uniqueAttributes("user", "alice");
        String original = createItem(session, "Old", attributes, utf8("old"), "text/plain", true);

        String replaced = createItem(session, "New", attributes, utf8("new"), "text/plain", true);

        assertEquals(original, replaced);
        assertEquals("New", property(replaced, ITEM_INTERFACE, "Label"));
        assertArrayEquals(utf8("new"), secretOf(replaced, session));
        assertEquals(List.of(original), searchService(attributes, false));
    }

    @Test
    public void createItemReplaceKeepsMoreSpecificItem() throws Exception {
        ClientSession session = openSession(ClientSession.PLAIN);
        Map<String, String> general = uniqueAttributes("service", "mail");
        Map<String, String> specific = Map.of("test", general.get("test"), "service", "mail", "user", "alice");
        String specificItem = createItem(session, "Specific", specific, utf8("specific"), "text/plain", false);

        String generalItem = createItem(session, "General", general, utf8("general"), "text/plain", true);

        assertNotEquals(specificItem, generalItem);
        assertArrayEquals(utf8("specific"), secretOf(specificItem, session));
        assertEquals(specific, property(specificItem, ITEM_INTERFACE, "Attributes"));
        assertEquals(Set.of(specificItem, generalItem), Set.copyOf(searchService(general, false)));
    }

    @Test
    public void createItemReplaceKeepsLessSpecificItem() throws Exception {
        ClientSession session = openSession(ClientSession.PLAIN);
        Map<String, String> general = uniqueAttributes("service", "mail");
        Map<String, String> specific = Map.of("test", general.get("test"), "service", "mail", "user", "alice");
        String generalItem = createItem(session, "General", general, utf8("general"), "text/plain", false);

        String specificItem = createItem(session, "Specific", specific, utf8("specific"), "text/plain", true);

        assertNotEquals(generalItem, specificItem);
        assertArrayEquals(utf8("general"), secretOf(generalItem, session));
    }

    @Test
    public void createItemWithoutReplaceAddsSecondItem() throws Exception {
        ClientSession session = openSession(ClientSession.PLAIN);
        Map<String, String> attributes = uniqueAttributes();
        String first = createItem(session, "First", attributes, utf8("one"), "text/plain", false);

        String second = createItem(session, "Second", attributes, utf8("two"), "text/plain", false);

        assertNotEquals(first, second);
        assertArrayEquals(utf8("one"), secretOf(first, session));
        assertEquals(Set.of(first, second), Set.copyOf(searchService(attributes, false)));
    }

    @Test
    public void createItemRejectsNonStringLabel() {
        ClientSession session = openSession(ClientSession.PLAIN);
        Map<String, String> attributes = uniqueAttributes();
        Map<String, Variant<?>> properties =
                Map.of(ITEM_LABEL, new Variant<>(42), ITEM_ATTRIBUTES, new Variant<>(attributes, "a{ss}"));

        RawCall reply = rawCreateItem(properties, session.encode(utf8("secret"), "text/plain"));

        assertEquals(reply.describe(), INVALID_ARGS, reply.errorName());
        assertEquals(List.of(), searchService(attributes, false));
    }

    @Test
    public void createItemRejectsNonMapAttributes() {
        ClientSession session = openSession(ClientSession.PLAIN);
        Map<String, Variant<?>> properties =
                Map.of(ITEM_LABEL, new Variant<>("Mail"), ITEM_ATTRIBUTES, new Variant<>(List.of("a", "b"), "as"));

        RawCall reply = rawCreateItem(properties, session.encode(utf8("secret"), "text/plain"));

        assertEquals(reply.describe(), INVALID_ARGS, reply.errorName());
        assertEquals(List.of(), searchService(Map.of(), false));
    }

    @Test
    public void createItemOnLockedCollectionIsLocked() {
        ClientSession session = openSession(ClientSession.PLAIN);
        Map<String, String> attributes = uniqueAttributes();
        service.Lock(List.of(new DBusPath(SESSION_COLLECTION)));

        RawCall reply = rawCreateItem(itemProperties("Mail", attributes), session.encode(utf8("s"), "text/plain"));

        assertEquals(reply.describe(), IS_LOCKED, reply.errorName());
        assertEquals(List.of(), searchService(attributes, true));
    }

    @Test
    public void createItemSendsItemCreated() throws Exception {
        try (SignalRecorder created = SignalRecorder.listen(client, COLLECTION_INTERFACE, "ItemCreated")) {
            String item = createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");

            SignalRecorder.Received signal =
                    created.await("for " + item, s -> s.firstArgument().equals(item));

            assertEquals(SESSION_COLLECTION, signal.path());
        }
    }

    @Test
    public void createItemInvalidatesItemsProperty() throws Exception {
        try (SignalRecorder changed = SignalRecorder.listen(client, PROPERTIES_INTERFACE, "PropertiesChanged")) {
            createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");

            SignalRecorder.Received signal = changed.await(
                    "invalidating Items",
                    s -> s.path().equals(SESSION_COLLECTION)
                            && s.invalidatedProperties().contains("Items"));

            assertEquals(COLLECTION_INTERFACE, signal.firstArgument());
        }
    }

    @Test
    public void replacingItemSendsItemChanged() throws Exception {
        ClientSession session = openSession(ClientSession.PLAIN);
        Map<String, String> attributes = uniqueAttributes();
        String item = createItem(session, "Old", attributes, utf8("old"), "text/plain", true);
        try (SignalRecorder changed = SignalRecorder.listen(client, COLLECTION_INTERFACE, "ItemChanged")) {
            createItem(session, "New", attributes, utf8("new"), "text/plain", true);

            SignalRecorder.Received signal =
                    changed.await("for " + item, s -> s.firstArgument().equals(item));

            assertEquals(SESSION_COLLECTION, signal.path());
        }
    }

    @Test
    public void deletingItemSendsItemDeleted() throws Exception {
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");
        try (SignalRecorder deleted = SignalRecorder.listen(client, COLLECTION_INTERFACE, "ItemDeleted")) {
            item(item).Delete();

            SignalRecorder.Received signal =
                    deleted.await("for " + item, s -> s.firstArgument().equals(item));

            assertEquals(SESSION_COLLECTION, signal.path());
        }
    }

    @Test
    public void settingItemLabelSendsItemChanged() throws Exception {
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");
        try (SignalRecorder changed = SignalRecorder.listen(client, COLLECTION_INTERFACE, "ItemChanged")) {
            properties(item).Set(ITEM_INTERFACE, "Label", new Variant<>("Renamed"));

            SignalRecorder.Received signal =
                    changed.await("for " + item, s -> s.firstArgument().equals(item));

            assertEquals(SESSION_COLLECTION, signal.path());
        }
    }

    @Test
    public void rejectedItemSendsNoItemCreated() throws Exception {
        ClientSession session = openSession(ClientSession.DH);
        try (SignalRecorder created = SignalRecorder.listen(client, COLLECTION_INTERFACE, "ItemCreated")) {
            RawCall rejected = rawCreateItem(
                    itemProperties("Mail", uniqueAttributes()),
                    new SecretServiceProxies.SecretStruct(session.path(), new byte[16], new byte[15], "text/plain"));
            String marker = createItem(session, "Marker", uniqueAttributes(), "secret");
            created.await("for the marker item", s -> s.firstArgument().equals(marker));

            assertEquals(rejected.describe(), INVALID_ARGS, rejected.errorName());
            assertEquals(1, created.received().size());
        }
    }

    private static String labelOf(SignalRecorder.Received signal) {
        return String.valueOf(signal.changedProperties().get("Label"));
    }
}
