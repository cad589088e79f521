package io.keyport.storage.kdbx.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The clear bytes of protected values ({@code Protected="True"} elements), kept beside the DOM instead of in it,
 * so the DOM never holds them as Java strings and locking can wipe them. The element's own text stays empty while
 * the document is in memory.
 */
final class ProtectedValues {

    static final String ATTRIBUTE = "Protected";

    private final Map<Element, byte[]> values = new IdentityHashMap<>();

    static boolean isProtected(Element element) {
        return Dom.isTrue(element.getAttribute(ATTRIBUTE));
    }

    /**
     * Decrypts every protected value of a freshly parsed document in document order, the order in which they
     * consume the inner stream, and empties their text.
     */
    static ProtectedValues decrypt(Document document, InnerStream stream) throws KdbxException {
        ProtectedValues protectedValues = new ProtectedValues();
        for (Element element : protectedElements(document)) {
            byte[] bytes;
            try {
                bytes = Base64.getMimeDecoder().decode(element.getTextContent().trim());
            } catch (IllegalArgumentException e) {
                throw KdbxException.malformed(
                        "the protected value in a " + element.getTagName() + " element is not valid base64");
            }
            stream.apply(bytes);
            protectedValues.values.put(element, bytes);
            element.setTextContent("");
        }
        return protectedValues;
    }

    static List<Element> protectedElements(Document document) {
        return protectedElements(document.getDocumentElement());
    }

    /** Returns the protected elements at and below {@code top} in document order. */
    static List<Element> protectedElements(Element top) {
        List<Element> found = new ArrayList<>();
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(top);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (!(node instanceof Element element)) {
                continue;
            }
            if (element.hasAttribute(ATTRIBUTE) && isProtected(element)) {
                found.add(element);
            }
            for (Node child = element.getLastChild(); child != null; child = child.getPreviousSibling()) {
                if (child.getNodeType() == Node.ELEMENT_NODE) {
                    pending.push(child);
                }
            }
        }
        return found;
    }

    /** Returns the clear bytes of a protected element, a copy the caller wipes; empty when it has none. */
    byte[] get(Element element) {
        byte[] bytes = values.get(element);
        return bytes == null ? new byte[0] : bytes.clone();
    }

    /** Returns the stored array itself, for the writer; callers must not keep or change it. */
    byte[] peek(Element element) {
        return values.get(element);
    }

    /** Stores a value that this object then owns, wiping the previous one. */
    void put(Element element, byte[] bytes) {
        Bytes.wipe(values.put(element, bytes));
    }

    void remove(Element element) {
        Bytes.wipe(values.remove(element));
    }

    /** Forgets the values at and below an element that leaves the document. */
    void removeUnder(Element top) {
        for (Element element : protectedElements(top)) {
            remove(element);
        }
    }

    /** Gives the protected elements of a deep copy the same values as their originals. */
    void copyUnder(Element original, Element copy) {
        List<Element> from = protectedElements(original);
        List<Element> to = protectedElements(copy);
        for (int i = 0; i < Math.min(from.size(), to.size()); i++) {
            byte[] bytes = values.get(from.get(i));
            if (bytes != null) {
                values.put(to.get(i), bytes.clone());
            }
        }
    }

    void wipe() {
        values.values().forEach(Bytes::wipe);
        values.clear();
    }
}
