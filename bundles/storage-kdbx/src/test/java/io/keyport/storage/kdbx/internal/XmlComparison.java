package io.keyport.storage.kdbx.internal;

import static org.junit.Assert.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Compares XML element by element, ignoring whitespace between elements, with a readable failure. */
final class XmlComparison {

    private XmlComparison() {}

    static Document parse(String xml) {
        try {
            Document document =
                    XmlPayload.documentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            stripWhitespace(document.getDocumentElement());
            return document;
        } catch (Exception e) {
            throw new AssertionError("Invalid XML from the tool", e);
        }
    }

    static void assertSameXml(Node expected, Node actual) {
        if (!expected.isEqualNode(actual)) {
            assertEquals(serialize(expected), serialize(actual));
        }
    }

    /** Returns the first Entry whose Title is {@code title}, outside any History. */
    static Element entry(Document document, String title) {
        var entries = document.getElementsByTagName("Entry");
        for (int i = 0; i < entries.getLength(); i++) {
            Element entry = (Element) entries.item(i);
            boolean inHistory = ((Element) entry.getParentNode()).getTagName().equals("History");
            if (!inHistory && title.equals(string(entry, "Title"))) {
                return entry;
            }
        }
        throw new AssertionError("No entry titled " + title);
    }

    static String string(Element entry, String key) {
        Element value = stringValue(entry, key);
        return value == null ? null : value.getTextContent();
    }

    static Element stringValue(Element entry, String key) {
        for (Element string : Dom.children(entry, "String")) {
            if (key.equals(Dom.childText(string, "Key"))) {
                return Dom.child(string, "Value");
            }
        }
        return null;
    }

    static String serialize(Node node) {
        try {
            Transformer transformer = TransformerFactory.newDefaultInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter writer = new StringWriter();
            transformer.transform(new DOMSource(node), new StreamResult(writer));
            return writer.toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void stripWhitespace(Element element) {
        Node child = element.getFirstChild();
        while (child != null) {
            Node next = child.getNextSibling();
            if (child.getNodeType() == Node.TEXT_NODE
                    && child.getTextContent().isBlank()
                    && hasElementSibling(element)) {
                element.removeChild(child);
            } else if (child instanceof Element childElement) {
                stripWhitespace(childElement);
            }
            child = next;
        }
    }

    private static boolean hasElementSibling(Element parent) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeType() == Node.ELEMENT_NODE) {
                return true;
            }
        }
        return false;
    }
}
