package io.keyport.itests.secretservice;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.freedesktop.dbus.interfaces.Introspectable;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * {@code org.freedesktop.DBus.Introspectable} on every kind of Secret Service path: the parsed XML declares
 * each member with the signatures of the specification.
 */
public class IntrospectionIT extends SecretServiceTestSupport {

    private static final String PROMPT_INTERFACE = "org.freedesktop.Secret.Prompt";

    @Test
    public void serviceDeclaresServiceMethods() throws Exception {
        Document document = introspect(SERVICE_PATH);

        assertMethod(document, SERVICE_INTERFACE, "OpenSession", List.of("s", "v"), List.of("v", "o"));
        assertMethod(document, SERVICE_INTERFACE, "CreateCollection", List.of("a{sv}", "s"), List.of("o", "o"));
        assertMethod(document, SERVICE_INTERFACE, "SearchItems", List.of("a{ss}"), List.of("ao", "ao"));
        assertMethod(document, SERVICE_INTERFACE, "Unlock", List.of("ao"), List.of("ao", "o"));
        assertMethod(document, SERVICE_INTERFACE, "Lock", List.of("ao"), List.of("ao", "o"));
        assertMethod(document, SERVICE_INTERFACE, "GetSecrets", List.of("ao", "o"), List.of("a{o(oayays)}"));
        assertMethod(document, SERVICE_INTERFACE, "ReadAlias", List.of("s"), List.of("o"));
        assertMethod(document, SERVICE_INTERFACE, "SetAlias", List.of("s", "o"), List.of());
    }

    @Test
    public void serviceDeclaresCollectionsAndSignals() throws Exception {
        Document document = introspect(SERVICE_PATH);

        assertEquals(Map.of("Collections", "ao read"), properties(document, SERVICE_INTERFACE));
        assertEquals(List.of("o"), signalArguments(document, SERVICE_INTERFACE, "CollectionCreated"));
        assertEquals(List.of("o"), signalArguments(document, SERVICE_INTERFACE, "CollectionDeleted"));
        assertEquals(List.of("o"), signalArguments(document, SERVICE_INTERFACE, "CollectionChanged"));
    }

    @Test
    public void serviceDeclaresStandardInterfaces() throws Exception {
        Set<String> interfaces = interfaceNames(introspect(SERVICE_PATH));

        assertTrue(interfaces.toString(), interfaces.contains("org.freedesktop.DBus.Introspectable"));
        assertTrue(interfaces.toString(), interfaces.contains("org.freedesktop.DBus.Peer"));
        assertTrue(interfaces.toString(), interfaces.contains(PROPERTIES_INTERFACE));
    }

    @Test
    public void serviceListsCollectionAndAliasNodes() throws Exception {
        Set<String> children = childNodes(introspect(SERVICE_PATH));

        assertTrue(children.toString(), children.contains("collection"));
        assertTrue(children.toString(), children.contains("aliases"));
    }

    @Test
    public void aliasesNodeListsSessionAlias() throws Exception {
        Set<String> children = childNodes(introspect(SERVICE_PATH + "/aliases"));

        assertTrue(children.toString(), children.contains("session"));
    }

    @Test
    public void collectionNodeListsSessionCollection() throws Exception {
        Set<String> children = childNodes(introspect(SERVICE_PATH + "/collection"));

        assertTrue(children.toString(), children.contains("session"));
    }

    @Test
    public void collectionDeclaresCollectionMethods() throws Exception {
        Document document = introspect(SESSION_COLLECTION);

        assertMethod(document, COLLECTION_INTERFACE, "Delete", List.of(), List.of("o"));
        assertMethod(document, COLLECTION_INTERFACE, "SearchItems", List.of("a{ss}"), List.of("ao"));
        assertMethod(
                document, COLLECTION_INTERFACE, "CreateItem", List.of("a{sv}", "(oayays)", "b"), List.of("o", "o"));
    }

    @Test
    public void collectionDeclaresPropertiesAndSignals() throws Exception {
        Document document = introspect(SESSION_COLLECTION);

        assertEquals(
                Map.of(
                        "Items", "ao read",
                        "Label", "s readwrite",
                        "Locked", "b read",
                        "Created", "t read",
                        "Modified", "t read"),
                properties(document, COLLECTION_INTERFACE));
        assertEquals(List.of("o"), signalArguments(document, COLLECTION_INTERFACE, "ItemCreated"));
        assertEquals(List.of("o"), signalArguments(document, COLLECTION_INTERFACE, "ItemDeleted"));
        assertEquals(List.of("o"), signalArguments(document, COLLECTION_INTERFACE, "ItemChanged"));
    }

    @Test
    public void aliasPathDeclaresCollection() throws Exception {
        Document document = introspect(SESSION_ALIAS);

        assertMethod(document, COLLECTION_INTERFACE, "SearchItems", List.of("a{ss}"), List.of("ao"));
    }

    @Test
    public void itemDeclaresItemMethods() throws Exception {
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");
        Document document = introspect(item);

        assertMethod(document, ITEM_INTERFACE, "Delete", List.of(), List.of("o"));
        assertMethod(document, ITEM_INTERFACE, "GetSecret", List.of("o"), List.of("(oayays)"));
        assertMethod(document, ITEM_INTERFACE, "SetSecret", List.of("(oayays)"), List.of());
    }

    @Test
    public void itemDeclaresProperties() throws Exception {
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");

        assertEquals(
                Map.of(
                        "Locked", "b read",
                        "Attributes", "a{ss} readwrite",
                        "Label", "s readwrite",
                        "Created", "t read",
                        "Modified", "t read"),
                properties(introspect(item), ITEM_INTERFACE));
    }

    @Test
    public void sessionDeclaresClose() throws Exception {
        ClientSession session = openSession(ClientSession.DH);

        assertMethod(introspect(session.path().getPath()), SESSION_INTERFACE, "Close", List.of(), List.of());
    }

    @Test
    public void promptDeclaresPromptMethods() throws Exception {
        Document document = introspect(SERVICE_PATH + "/prompt/p1");

        assertMethod(document, PROMPT_INTERFACE, "Prompt", List.of("s"), List.of());
        assertMethod(document, PROMPT_INTERFACE, "Dismiss", List.of(), List.of());
        assertEquals(List.of("b", "v"), signalArguments(document, PROMPT_INTERFACE, "Completed"));
    }

    @Test
    public void everyKindOfPathAnswersPing() throws Exception {
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");
        ClientSession session = openSession(ClientSession.PLAIN);

        for (String path : List.of(
                SERVICE_PATH,
                SESSION_COLLECTION,
                SESSION_ALIAS,
                item,
                session.path().getPath())) {
            RawCall reply = raw(path, "org.freedesktop.DBus.Peer", "Ping", "");

            assertEquals(path + ": " + reply.describe(), null, reply.errorName());
        }
    }

    private Document introspect(String path) throws Exception {
        String xml =
                client.getRemoteObject(SECRETS_NAME, path, Introspectable.class).Introspect();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // The data names the D-Bus DTD by URL: never fetch it.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
        return builder.parse(new InputSource(new StringReader(xml)));
    }

    /** Asserts that {@code interfaceName} declares {@code method} exactly once, with these argument types. */
    private static void assertMethod(
            Document document, String interfaceName, String method, List<String> in, List<String> out) {
        List<Element> methods = members(document, interfaceName, "method", method);
        assertEquals(interfaceName + "." + method + " declarations", 1, methods.size());
        assertEquals(interfaceName + "." + method + " in", in, argumentTypes(methods.get(0), "in"));
        assertEquals(interfaceName + "." + method + " out", out, argumentTypes(methods.get(0), "out"));
    }

    private static List<String> signalArguments(Document document, String interfaceName, String signal) {
        List<Element> signals = members(document, interfaceName, "signal", signal);
        assertEquals(interfaceName + "." + signal + " declarations", 1, signals.size());
        return argumentTypes(signals.get(0), null);
    }

    /** Returns {@code name → "type access"} for the properties of {@code interfaceName}. */
    private static Map<String, String> properties(Document document, String interfaceName) {
        Map<String, String> properties = new HashMap<>();
        for (Element property : children(interfaceElement(document, interfaceName), "property")) {
            properties.put(
                    property.getAttribute("name"),
                    property.getAttribute("type") + " " + property.getAttribute("access"));
        }
        return properties;
    }

    private static List<Element> members(Document document, String interfaceName, String kind, String name) {
        return children(interfaceElement(document, interfaceName), kind).stream()
                .filter(member -> member.getAttribute("name").equals(name))
                .toList();
    }

    /** Returns the argument types in order; {@code direction} null takes all, and a method's default is in. */
    private static List<String> argumentTypes(Element member, String direction) {
        List<String> types = new ArrayList<>();
        for (Element argument : children(member, "arg")) {
            String declared = argument.getAttribute("direction");
            String actual = declared.isEmpty() ? "in" : declared;
            if (direction == null || direction.equals(actual)) {
                types.add(argument.getAttribute("type"));
            }
        }
        return types;
    }

    private static Element interfaceElement(Document document, String interfaceName) {
        List<Element> matches = children(document.getDocumentElement(), "interface").stream()
                .filter(element -> element.getAttribute("name").equals(interfaceName))
                .toList();
        assertEquals("declarations of interface " + interfaceName, 1, matches.size());
        return matches.get(0);
    }

    private static Set<String> interfaceNames(Document document) {
        Set<String> names = new TreeSet<>();
        children(document.getDocumentElement(), "interface")
                .forEach(element -> names.add(element.getAttribute("name")));
        return names;
    }

    private static Set<String> childNodes(Document document) {
        Set<String> names = new TreeSet<>();
        children(document.getDocumentElement(), "node").forEach(element -> names.add(element.getAttribute("name")));
        return names;
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> elements = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(tag)) {
                elements.add(element);
            }
        }
        return elements;
    }
}
