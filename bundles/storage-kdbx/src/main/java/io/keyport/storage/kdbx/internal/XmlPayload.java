package io.keyport.storage.kdbx.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** Parses the XML payload into a DOM that keeps every element, attribute and whitespace node as read. */
final class XmlPayload {

    private XmlPayload() {}

    /**
     * Returns a parser with DTDs and external entities off, since KDBX XML has neither and a payload must not make
     * the parser read files or expand entities.
     */
    static DocumentBuilder documentBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(false);
            factory.setCoalescing(true);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(SILENT);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The Java runtime's XML parser rejects the secure configuration", e);
        }
    }

    static Document parse(byte[] data, int offset) throws KdbxException {
        try {
            Document document = documentBuilder().parse(new ByteArrayInputStream(data, offset, data.length - offset));
            if (!"KeePassFile".equals(document.getDocumentElement().getTagName())) {
                throw KdbxException.malformed("the XML payload's root element is "
                        + document.getDocumentElement().getTagName() + " instead of KeePassFile");
            }
            return document;
        } catch (SAXParseException e) {
            throw new KdbxException(
                    KdbxException.Kind.MALFORMED,
                    "the XML payload is not well-formed at line " + e.getLineNumber() + ", column "
                            + e.getColumnNumber(),
                    null);
        } catch (SAXException | IOException e) {
            throw new KdbxException(KdbxException.Kind.MALFORMED, "the XML payload cannot be parsed", null);
        }
    }

    /** Leaves errors to the exceptions, whose messages this class rewrites without payload text. */
    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {}

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    };
}
