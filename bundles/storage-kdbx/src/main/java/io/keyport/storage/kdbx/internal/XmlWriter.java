package io.keyport.storage.kdbx.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Serialises the DOM back to XML as read: same elements, attribute order, whitespace and comments. Protected
 * values are encrypted with the new inner stream on the way out, in document order. Characters that XML 1.0
 * forbids are dropped, because a single one makes every KeePass reader reject the file.
 */
final class XmlWriter {

    private final Writer out;
    private final ProtectedValues protectedValues;
    private final InnerStream stream;

    private XmlWriter(Writer out, ProtectedValues protectedValues, InnerStream stream) {
        this.out = out;
        this.protectedValues = protectedValues;
        this.stream = stream;
    }

    static void write(Document document, ProtectedValues protectedValues, InnerStream stream, OutputStream output)
            throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16);
        writer.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
        XmlWriter xmlWriter = new XmlWriter(writer, protectedValues, stream);
        for (Node node = document.getFirstChild(); node != null; node = node.getNextSibling()) {
            xmlWriter.node(node);
        }
        writer.flush();
    }

    private void node(Node node) throws IOException {
        switch (node.getNodeType()) {
            case Node.ELEMENT_NODE -> element((Element) node);
            case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> text(node.getNodeValue(), false);
            case Node.COMMENT_NODE -> {
                out.write("<!--");
                out.write(node.getNodeValue().replace("--", "- -"));
                out.write("-->");
            }
            case Node.PROCESSING_INSTRUCTION_NODE -> {
                out.write("<?");
                out.write(node.getNodeName());
                out.write(' ');
                out.write(node.getNodeValue());
                out.write("?>");
            }
            default -> {
                // Documents from the parser hold no other node types at or below the root.
            }
        }
    }

    private void element(Element element) throws IOException {
        out.write('<');
        out.write(element.getTagName());
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            out.write(' ');
            out.write(attribute.getName());
            out.write("=\"");
            text(attribute.getValue(), true);
            out.write('"');
        }
        if (ProtectedValues.isProtected(element)) {
            // A protected value's clear bytes live beside the DOM; its text node is empty.
            byte[] clear = protectedValues.peek(element);
            byte[] masked = clear == null ? new byte[0] : clear.clone();
            stream.apply(masked);
            out.write('>');
            out.write(Base64.getEncoder().encodeToString(masked));
            out.write("</");
            out.write(element.getTagName());
            out.write('>');
            return;
        }
        if (!element.hasChildNodes()) {
            out.write("/>");
            return;
        }
        out.write('>');
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            node(child);
        }
        out.write("</");
        out.write(element.getTagName());
        out.write('>');
    }

    private void text(String text, boolean attribute) throws IOException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.write("&amp;");
                case '<' -> out.write("&lt;");
                case '>' -> out.write("&gt;");
                case '"' -> out.write(attribute ? "&quot;" : "\"");
                // A parser turns a literal CR into LF, and in attributes also tab and LF into spaces.
                case '\r' -> out.write("&#13;");
                case '\n' -> out.write(attribute ? "&#10;" : "\n");
                case '\t' -> out.write(attribute ? "&#9;" : "\t");
                default -> {
                    if (Character.isHighSurrogate(c)
                            && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.write(c);
                        out.write(text.charAt(++i));
                    } else if (isXmlChar(c)) {
                        out.write(c);
                    }
                }
            }
        }
    }

    /** Returns whether XML 1.0 allows a BMP character; lone surrogates are not allowed. */
    private static boolean isXmlChar(char c) {
        return (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
    }
}
