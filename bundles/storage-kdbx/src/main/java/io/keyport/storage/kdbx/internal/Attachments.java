package io.keyport.storage.kdbx.internal;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Entry attachments, whose contents live apart from the entries: in KDBX 4 in the inner header's pool, in KDBX 3.x
 * in Meta/Binaries. An entry's {@code <Binary><Key/><Value Ref="n"/></Binary>} points at one by number.
 */
interface Attachments {

    /** Returns a copy of the content a Binary/Value element points at, which the caller wipes. */
    byte[] read(Element value) throws KdbxException;

    /** Stores a content, which this object then owns, and points the Binary/Value element at it. */
    void store(Element value, byte[] content);

    /** Drops contents that no entry or history entry references any more and renumbers the references. */
    void collectGarbage();

    /** Returns every Binary/Value element with a Ref attribute, in entries and their history alike. */
    static List<Element> references(Document document) {
        List<Element> references = new ArrayList<>();
        Element root = Dom.child(document.getDocumentElement(), "Root");
        if (root == null) {
            return references;
        }
        NodeList binaries = root.getElementsByTagName("Binary");
        for (int i = 0; i < binaries.getLength(); i++) {
            Element value = Dom.child((Element) binaries.item(i), "Value");
            if (value != null && value.hasAttribute("Ref")) {
                references.add(value);
            }
        }
        return references;
    }

    static int parseRef(Element value) throws KdbxException {
        try {
            return Integer.parseInt(value.getAttribute("Ref").trim());
        } catch (NumberFormatException e) {
            throw KdbxException.malformed("an attachment reference is not a number");
        }
    }
}
