package io.keyport.itests.secretservice;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.freedesktop.dbus.types.Variant;
import org.junit.Test;

/**
 * The limits on labels and attributes: a label of at most 4096 characters, attribute names of at most 1024 and
 * values of at most 4096, at most 1024 attributes and 65536 characters of them in total. A call above a limit gets
 * InvalidArgs naming the size, changes nothing and leaves no error in the log.
 */
public class InputLimitsIT extends SecretServiceTestSupport {

    private static final String ERRORS_LOGGER = "io.keyport.secretservice.internal.Errors";

    private final String word = "keyport-limit-" + UUID.randomUUID();

    @Test
    public void createItemRejectsLongLabel() {
        ClientSession session = openSession(ClientSession.PLAIN);
        Map<String, String> attributes = uniqueAttributes();

        RawCall reply =
                rawCreateItem(itemProperties(text(4097), attributes), session.encode(utf8("secret"), "text/plain"));

        assertRejected(reply, "4097 characters");
        assertEquals(List.of(), searchService(attributes, false));
    }

    @Test
    public void createItemAcceptsLabelAtLimit() {
        ClientSession session = openSession(ClientSession.PLAIN);

        RawCall reply = rawCreateItem(
                itemProperties(text(4096), uniqueAttributes()), session.encode(utf8("secret"), "text/plain"));

        assertNull(reply.describe(), reply.errorName());
    }

    @Test
    public void createItemRejectsTooManyAttributes() {
        ClientSession session = openSession(ClientSession.PLAIN);
        Map<String, String> attributes = manyAttributes(1025);

        try (LogCapture log = LogCapture.start(ERRORS_LOGGER)) {
            RawCall reply =
                    rawCreateItem(itemProperties("Many", attributes), session.encode(utf8("secret"), "text/plain"));

            assertRejected(reply, "1025 attributes");
            assertEquals(log.messages().toString(), List.of(), log.messages());
        }
        assertEquals(List.of(), searchService(Map.of("test", attributes.get("test")), false));
    }

    @Test
    public void createItemRejectsLongAttributeValue() {
        ClientSession session = openSession(ClientSession.PLAIN);
        Map<String, String> attributes = uniqueAttributes();
        attributes.put("url", text(4097));

        RawCall reply =
                rawCreateItem(itemProperties("Long value", attributes), session.encode(utf8("secret"), "text/plain"));

        assertRejected(reply, "4097 characters");
        assertEquals(List.of(), searchService(Map.of("test", attributes.get("test")), false));
    }

    @Test
    public void searchItemsRejectsTooManyAttributes() {
        RawCall serviceReply = raw(SERVICE_PATH, SERVICE_INTERFACE, "SearchItems", "a{ss}", manyAttributes(1025));
        RawCall collectionReply =
                raw(SESSION_COLLECTION, COLLECTION_INTERFACE, "SearchItems", "a{ss}", manyAttributes(1025));

        assertRejected(serviceReply, "1025 attributes");
        assertRejected(collectionReply, "1025 attributes");
    }

    @Test
    public void labelSettersRejectLongLabel() throws Exception {
        ClientSession session = openSession(ClientSession.PLAIN);
        String item = createItem(session, "Short", uniqueAttributes(), "secret");

        RawCall itemReply =
                raw(item, PROPERTIES_INTERFACE, "Set", "ssv", ITEM_INTERFACE, "Label", new Variant<>(text(5000)));
        RawCall collectionReply = raw(
                SESSION_COLLECTION,
                PROPERTIES_INTERFACE,
                "Set",
                "ssv",
                COLLECTION_INTERFACE,
                "Label",
                new Variant<>(text(5000)));

        assertRejected(itemReply, "5000 characters");
        assertRejected(collectionReply, "5000 characters");
        assertEquals("Short", property(item, ITEM_INTERFACE, "Label"));
        assertEquals(SESSION_LABEL, property(SESSION_COLLECTION, COLLECTION_INTERFACE, "Label"));
    }

    @Test
    public void attributesSetterRejectsLargeTotal() throws Exception {
        ClientSession session = openSession(ClientSession.PLAIN);
        Map<String, String> original = uniqueAttributes();
        String item = createItem(session, "Mail", original, "secret");
        Map<String, String> large = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            large.put("k" + i, text(4000));
        }

        RawCall reply = raw(
                item, PROPERTIES_INTERFACE, "Set", "ssv", ITEM_INTERFACE, "Attributes", new Variant<>(large, "a{ss}"));

        assertRejected(reply, "in total");
        assertEquals(original, property(item, ITEM_INTERFACE, "Attributes"));
    }

    @Test
    public void createCollectionRejectsLongLabel() {
        Map<String, Variant<?>> properties =
                Map.of("org.freedesktop.Secret.Collection.Label", new Variant<>(text(4097)));

        RawCall reply = raw(SERVICE_PATH, SERVICE_INTERFACE, "CreateCollection", "a{sv}s", properties, "");

        assertRejected(reply, "4097 characters");
    }

    private void assertRejected(RawCall reply, String size) {
        assertEquals(reply.describe(), INVALID_ARGS, reply.errorName());
        assertTrue(reply.describe(), reply.errorMessage().contains(size));
        assertTrue(reply.describe(), reply.errorMessage().contains("limit"));
        assertFalse(reply.describe(), reply.errorMessage().contains(word));
    }

    /** Returns {@code length} characters made of the test's word, which no error message may contain. */
    private String text(int length) {
        return word.repeat(length / word.length() + 1).substring(0, length);
    }

    private Map<String, String> manyAttributes(int count) {
        Map<String, String> attributes = uniqueAttributes();
        for (int i = attributes.size(); i < count; i++) {
            attributes.put("k" + i, word);
        }
        return attributes;
    }
}
