package io.keyport.itests.secretservice;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.keyport.itests.secretservice.SecretServiceProxies.SecretStruct;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;
import org.junit.Test;

/** {@code org.freedesktop.Secret.Item} on items of the memory engine's session collection. */
public class ItemIT extends SecretServiceTestSupport {

    private static final String MISSING_ITEM = SESSION_COLLECTION + "/999999";

    @Test
    public void getSecretOverPlainReturnsValue() throws Exception {
        ClientSession session = openSession(ClientSession.PLAIN);
        String item = createItem(session, "Mail", uniqueAttributes(), "hunter2");

        SecretStruct secret = secretStructOf(item, session);

        assertArrayEquals(utf8("hunter2"), secret.getValue());
        assertArrayEquals(new byte[0], secret.getAlgorithmParameters());
        assertEquals(session.path().getPath(), secret.getSession().getPath());
        assertEquals("text/plain", secret.getContentType());
    }

    @Test
    public void getSecretOverDhReturnsEncryptedValue() throws Exception {
        ClientSession session = openSession(ClientSession.DH);
        String item = createItem(session, "Mail", uniqueAttributes(), "hunter2");

        SecretStruct secret = secretStructOf(item, session);

        assertArrayEquals(utf8("hunter2"), session.decode(secret));
        assertEquals(ClientSession.IV_BYTES, secret.getAlgorithmParameters().length);
        assertEquals(16, secret.getValue().length);
        assertEquals(session.path().getPath(), secret.getSession().getPath());
        assertEquals("text/plain", secret.getContentType());
    }

    @Test
    public void getSecretOverDhUsesFreshIv() throws Exception {
        ClientSession session = openSession(ClientSession.DH);
        String item = createItem(session, "Mail", uniqueAttributes(), "hunter2");

        SecretStruct first = secretStructOf(item, session);
        SecretStruct second = secretStructOf(item, session);

        assertFalse(Arrays.equals(first.getAlgorithmParameters(), second.getAlgorithmParameters()));
        assertFalse(Arrays.equals(first.getValue(), second.getValue()));
    }

    @Test
    public void getSecretReadsItemStoredOverOtherAlgorithm() throws Exception {
        ClientSession dh = openSession(ClientSession.DH);
        ClientSession plain = openSession(ClientSession.PLAIN);
        String item = createItem(dh, "Mail", uniqueAttributes(), "hunter2");

        assertArrayEquals(utf8("hunter2"), secretOf(item, plain));
    }

    @Test
    public void getSecretThroughAliasPathReturnsValue() throws Exception {
        ClientSession session = openSession(ClientSession.DH);
        String item = createItem(session, "Mail", uniqueAttributes(), "hunter2");

        byte[] secret = secretOf(SESSION_ALIAS + "/" + itemId(item), session);

        assertArrayEquals(utf8("hunter2"), secret);
    }

    @Test
    public void getSecretOfLockedItemIsLocked() throws Exception {
        ClientSession session = openSession(ClientSession.PLAIN);
        String item = createItem(session, "Mail", uniqueAttributes(), "secret");
        service.Lock(List.of(new DBusPath(SESSION_COLLECTION)));

        RawCall reply = raw(item, ITEM_INTERFACE, "GetSecret", "o", session.path());

        assertEquals(reply.describe(), IS_LOCKED, reply.errorName());
    }

    @Test
    public void getSecretOfMissingItemIsNoSuchObject() throws Exception {
        ClientSession session = openSession(ClientSession.PLAIN);

        RawCall reply = raw(MISSING_ITEM, ITEM_INTERFACE, "GetSecret", "o", session.path());

        assertEquals(reply.describe(), NO_SUCH_OBJECT, reply.errorName());
    }

    @Test
    public void setSecretOverPlainReplacesValue() throws Exception {
        setSecretReplacesValue(ClientSession.PLAIN);
    }

    @Test
    public void setSecretOverDhReplacesValue() throws Exception {
        setSecretReplacesValue(ClientSession.DH);
    }

    private void setSecretReplacesValue(String algorithm) throws Exception {
        ClientSession session = openSession(algorithm);
        String item = createItem(session, "Mail", uniqueAttributes(), "old");

        item(item).SetSecret(session.encode(utf8("new value"), "text/plain; charset=utf8"));

        SecretStruct secret = secretStructOf(item, session);
        assertArrayEquals(utf8("new value"), session.decode(secret));
        assertEquals("text/plain; charset=utf8", secret.getContentType());
    }

    @Test
    public void setSecretSendsItemChanged() throws Exception {
        ClientSession session = openSession(ClientSession.PLAIN);
        String item = createItem(session, "Mail", uniqueAttributes(), "old");
        try (SignalRecorder changed = SignalRecorder.listen(client, COLLECTION_INTERFACE, "ItemChanged")) {
            item(item).SetSecret(session.encode(utf8("new"), "text/plain"));

            SignalRecorder.Received signal =
                    changed.await("for " + item, s -> s.firstArgument().equals(item));

            assertEquals(SESSION_COLLECTION, signal.path());
        }
    }

    @Test
    public void setSecretOnLockedItemIsLocked() throws Exception {
        ClientSession session = openSession(ClientSession.PLAIN);
        String item = createItem(session, "Mail", uniqueAttributes(), "old");
        service.Lock(List.of(new DBusPath(SESSION_COLLECTION)));

        RawCall reply = raw(
                item, ITEM_INTERFACE, "SetSecret", "(oayays)", (Object) structOf(session.encode(utf8("new"), "a/b")));
        service.Unlock(List.of(new DBusPath(SESSION_COLLECTION)));

        assertEquals(reply.describe(), IS_LOCKED, reply.errorName());
        assertArrayEquals(utf8("old"), secretOf(item, session));
    }

    @Test
    public void binarySecretOverPlainRoundTrips() throws Exception {
        binarySecretRoundTrips(ClientSession.PLAIN);
    }

    @Test
    public void binarySecretOverDhRoundTrips() throws Exception {
        binarySecretRoundTrips(ClientSession.DH);
    }

    private void binarySecretRoundTrips(String algorithm) throws Exception {
        ClientSession session = openSession(algorithm);
        byte[] every = new byte[512];
        for (int i = 0; i < every.length; i++) {
            every[i] = (byte) (255 - i % 256);
        }
        String item = createItem(session, "Key", uniqueAttributes(), every, "application/octet-stream", false);

        SecretStruct secret = secretStructOf(item, session);

        assertArrayEquals(every, session.decode(secret));
        assertEquals("application/octet-stream", secret.getContentType());
    }

    @Test
    public void contentTypesOverPlainAreEchoedUnchanged() throws Exception {
        contentTypesAreEchoedUnchanged(ClientSession.PLAIN);
    }

    @Test
    public void contentTypesOverDhAreEchoedUnchanged() throws Exception {
        contentTypesAreEchoedUnchanged(ClientSession.DH);
    }

    private void contentTypesAreEchoedUnchanged(String algorithm) throws Exception {
        ClientSession session = openSession(algorithm);
        for (String contentType : List.of(
                "text/plain; charset=utf8",
                "TEXT/PLAIN;charset=\"UTF-8\"",
                "application/x-keyport-test; version=2; flag",
                "x-unregistered/ünïcödé",
                "",
                "not a mime type at all")) {
            String item = createItem(session, "Typed", uniqueAttributes(), utf8("v"), contentType, false);

            assertEquals(contentType, secretStructOf(item, session).getContentType());
        }
    }

    @Test
    public void deleteRemovesItem() throws Exception {
        Map<String, String> attributes = uniqueAttributes();
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", attributes, "secret");

        DBusPath prompt = item(item).Delete();

        assertEquals(NONE, prompt.getPath());
        assertEquals(List.of(), searchService(attributes, false));
        assertFalse(paths(property(SESSION_COLLECTION, COLLECTION_INTERFACE, "Items"))
                .contains(item));
    }

    @Test
    public void deletedItemIsNoSuchObject() throws Exception {
        ClientSession session = openSession(ClientSession.PLAIN);
        String item = createItem(session, "Mail", uniqueAttributes(), "secret");
        item(item).Delete();

        RawCall reply = raw(item, ITEM_INTERFACE, "GetSecret", "o", session.path());

        assertEquals(reply.describe(), NO_SUCH_OBJECT, reply.errorName());
    }

    @Test
    public void deleteOfMissingItemIsNoSuchObject() throws Exception {
        RawCall reply = raw(MISSING_ITEM, ITEM_INTERFACE, "Delete", "");

        assertEquals(reply.describe(), NO_SUCH_OBJECT, reply.errorName());
    }

    @Test
    public void deleteOfLockedItemIsLocked() throws Exception {
        Map<String, String> attributes = uniqueAttributes();
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", attributes, "secret");
        service.Lock(List.of(new DBusPath(SESSION_COLLECTION)));

        RawCall reply = raw(item, ITEM_INTERFACE, "Delete", "");

        assertEquals(reply.describe(), IS_LOCKED, reply.errorName());
        assertEquals(List.of(item), searchService(attributes, true));
    }

    @Test
    public void labelPropertyIsCreatedLabel() throws Exception {
        String item = createItem(openSession(ClientSession.PLAIN), "Mail account", uniqueAttributes(), "secret");

        assertEquals("Mail account", property(item, ITEM_INTERFACE, "Label"));
    }

    @Test
    public void setLabelChangesLabelInPlace() throws Exception {
        Map<String, String> attributes = uniqueAttributes();
        String item = createItem(openSession(ClientSession.PLAIN), "Old", attributes, "secret");

        properties(item).Set(ITEM_INTERFACE, "Label", new Variant<>("New"));

        assertEquals("New", property(item, ITEM_INTERFACE, "Label"));
        assertEquals(List.of(item), searchService(attributes, false));
    }

    @Test
    public void setLabelSendsPropertiesChanged() throws Exception {
        String item = createItem(openSession(ClientSession.PLAIN), "Old", uniqueAttributes(), "secret");
        try (SignalRecorder changed = SignalRecorder.listen(client, PROPERTIES_INTERFACE, "PropertiesChanged")) {
            properties(item).Set(ITEM_INTERFACE, "Label", new Variant<>("New"));

            SignalRecorder.Received signal = changed.await(
                    "with the new label",
                    s -> s.path().equals(item)
                            && "New".equals(s.changedProperties().get("Label")));

            assertEquals(ITEM_INTERFACE, signal.firstArgument());
        }
    }

    @Test
    public void attributesPropertyIsCreatedAttributes() throws Exception {
        Map<String, String> attributes = uniqueAttributes("user", "alice", "xdg:schema", "org.example.Test");
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", attributes, "secret");

        assertEquals(attributes, property(item, ITEM_INTERFACE, "Attributes"));
    }

    @Test
    public void setAttributesUpdatesItemInPlace() throws Exception {
        ClientSession session = openSession(ClientSession.PLAIN);
        Map<String, String> before = uniqueAttributes("user", "alice");
        Map<String, String> after = uniqueAttributes("user", "bob");
        String item = createItem(session, "Mail", before, "secret");

        properties(item).Set(ITEM_INTERFACE, "Attributes", new Variant<>(after, "a{ss}"));

        assertEquals(after, property(item, ITEM_INTERFACE, "Attributes"));
        assertEquals(List.of(item), searchService(after, false));
        assertEquals(List.of(), searchService(before, false));
        assertArrayEquals(utf8("secret"), secretOf(item, session));
        assertEquals(1, searchService(Map.of(), false).size());
    }

    @Test
    public void setAttributesSendsPropertiesChanged() throws Exception {
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");
        Map<String, String> after = uniqueAttributes("user", "bob");
        try (SignalRecorder changed = SignalRecorder.listen(client, PROPERTIES_INTERFACE, "PropertiesChanged")) {
            properties(item).Set(ITEM_INTERFACE, "Attributes", new Variant<>(after, "a{ss}"));

            SignalRecorder.Received signal = changed.await(
                    "with the new attributes",
                    s -> s.path().equals(item)
                            && after.equals(s.changedProperties().get("Attributes")));

            assertEquals(ITEM_INTERFACE, signal.firstArgument());
        }
    }

    @Test
    public void setAttributesWithWrongTypeIsInvalidArgs() throws Exception {
        Map<String, String> attributes = uniqueAttributes();
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", attributes, "secret");

        RawCall reply =
                raw(item, PROPERTIES_INTERFACE, "Set", "ssv", ITEM_INTERFACE, "Attributes", new Variant<>("user=bob"));

        assertEquals(reply.describe(), INVALID_ARGS, reply.errorName());
        assertEquals(List.of(item), searchService(attributes, false));
    }

    @Test
    public void lockedPropertyFollowsCollection() throws Exception {
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");
        assertEquals(Boolean.FALSE, property(item, ITEM_INTERFACE, "Locked"));

        service.Lock(List.of(new DBusPath(SESSION_COLLECTION)));

        assertEquals(Boolean.TRUE, property(item, ITEM_INTERFACE, "Locked"));
    }

    @Test
    public void labelOfLockedItemIsLocked() throws Exception {
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");
        service.Lock(List.of(new DBusPath(SESSION_COLLECTION)));

        RawCall reply = raw(item, PROPERTIES_INTERFACE, "Get", "ss", ITEM_INTERFACE, "Label");

        assertEquals(reply.describe(), IS_LOCKED, reply.errorName());
    }

    @Test
    public void setLabelOfLockedItemIsLocked() throws Exception {
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");
        service.Lock(List.of(new DBusPath(SESSION_COLLECTION)));

        RawCall reply = raw(item, PROPERTIES_INTERFACE, "Set", "ssv", ITEM_INTERFACE, "Label", new Variant<>("New"));
        service.Unlock(List.of(new DBusPath(SESSION_COLLECTION)));

        assertEquals(reply.describe(), IS_LOCKED, reply.errorName());
        assertEquals("Mail", property(item, ITEM_INTERFACE, "Label"));
    }

    @Test
    public void lockedItemHidesLabelAndAttributes() throws Exception {
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");
        service.Lock(List.of(new DBusPath(SESSION_COLLECTION)));

        Map<String, Variant<?>> all = properties(item).GetAll(ITEM_INTERFACE);

        assertEquals(Set.of("Locked", "Created", "Modified"), all.keySet());
        assertEquals(Boolean.TRUE, all.get("Locked").getValue());
    }

    @Test
    public void getAllReturnsEveryProperty() throws Exception {
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");

        Map<String, Variant<?>> all = properties(item).GetAll(ITEM_INTERFACE);

        assertEquals(Set.of("Locked", "Attributes", "Label", "Created", "Modified"), all.keySet());
        assertEquals("b", all.get("Locked").getSig());
        assertEquals("a{ss}", all.get("Attributes").getSig());
        assertEquals("s", all.get("Label").getSig());
        assertEquals("t", all.get("Created").getSig());
        assertEquals("t", all.get("Modified").getSig());
    }

    @Test
    public void createdPropertyIsCreationTime() throws Exception {
        long before = Instant.now().getEpochSecond();
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");
        long after = Instant.now().getEpochSecond();

        long created = timestamp(item, ITEM_INTERFACE, "Created");

        assertTrue(before + " <= " + created, before <= created);
        assertTrue(created + " <= " + after, created <= after);
    }

    @Test
    public void modifiedPropertyAdvancesOnSetSecret() throws Exception {
        ClientSession session = openSession(ClientSession.PLAIN);
        String item = createItem(session, "Mail", uniqueAttributes(), "old");
        long created = timestamp(item, ITEM_INTERFACE, "Created");
        awaitSecondAfter(timestamp(item, ITEM_INTERFACE, "Modified"));

        item(item).SetSecret(session.encode(utf8("new"), "text/plain"));

        assertTrue(created < timestamp(item, ITEM_INTERFACE, "Modified"));
        assertEquals(created, timestamp(item, ITEM_INTERFACE, "Created"));
    }

    @Test
    public void modifiedPropertyAdvancesOnSetLabel() throws Exception {
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");
        long modified = timestamp(item, ITEM_INTERFACE, "Modified");
        awaitSecondAfter(modified);

        properties(item).Set(ITEM_INTERFACE, "Label", new Variant<>("New"));

        assertTrue(modified < timestamp(item, ITEM_INTERFACE, "Modified"));
    }

    @Test
    public void setCreatedIsReadOnly() throws Exception {
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");

        RawCall reply =
                raw(item, PROPERTIES_INTERFACE, "Set", "ssv", ITEM_INTERFACE, "Created", new Variant<>(new UInt64(1)));

        assertEquals(reply.describe(), PROPERTY_READ_ONLY, reply.errorName());
    }

    @Test
    public void unknownPropertyIsUnknownProperty() throws Exception {
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");

        RawCall reply = raw(item, PROPERTIES_INTERFACE, "Get", "ss", ITEM_INTERFACE, "Type");

        assertEquals(reply.describe(), "org.freedesktop.DBus.Error.UnknownProperty", reply.errorName());
    }
}
