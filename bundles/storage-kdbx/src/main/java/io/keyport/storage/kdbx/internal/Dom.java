package io.keyport.storage.kdbx.internal;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Small DOM helpers for KDBX's element-only XML: direct children by name and element text. */
final class Dom {

    private Dom() {}

    /** Returns the first direct child element with this name, or {@code null}. */
    static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                children.add(element);
            }
        }
        return children;
    }

    /** Returns the text of a direct child, or {@code null} when there is no such child. */
    static String childText(Element parent, String name) {
        Element child = child(parent, name);
        return child == null ? null : child.getTextContent();
    }

    /** Returns the direct child with this name, appending an empty one when there is none. */
    static Element requireChild(Element parent, String name) {
        Element child = child(parent, name);
        if (child == null) {
            child = parent.getOwnerDocument().createElement(name);
            parent.appendChild(child);
        }
        return child;
    }

    /** Sets a direct child's text, appending the child when there is none. */
    static Element setChildText(Element parent, String name, String text) {
        Element child = requireChild(parent, name);
        child.setTextContent(text);
        return child;
    }

    static Element append(Element parent, String name, String text) {
        Element child = parent.getOwnerDocument().createElement(name);
        if (text != null) {
            child.setTextContent(text);
        }
        parent.appendChild(child);
        return child;
    }

    /** Removes an element together with the whitespace text node just before it, so the indentation stays even. */
    static void remove(Element element) {
        Node previous = element.getPreviousSibling();
        if (previous != null
                && previous.getNodeType() == Node.TEXT_NODE
                && previous.getTextContent().isBlank()) {
            previous.getParentNode().removeChild(previous);
        }
        element.getParentNode().removeChild(element);
    }

    static boolean isTrue(String text) {
        return text != null && text.trim().equalsIgnoreCase("true");
    }
}
