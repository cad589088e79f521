package io.keyport.storage.kdbx.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.xml.parsers.DocumentBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * Reads the 32-byte key of a KeePass key file. The forms are tried in KeePass's order: an XML key file (version
 * 1.0 with base64 {@code <Data>}, version 2.0 with hex {@code <Data Hash="...">}), exactly 32 raw bytes, exactly
 * 64 hex digits, and otherwise the SHA-256 of the whole file.
 */
final class KeyFile {

    /** Key files are small; a larger file is hashed without being parsed as XML. */
    private static final int MAX_XML_LENGTH = 64 * 1024;

    private KeyFile() {}

    /**
     * Returns the key of a key file.
     *
     * @throws IOException if the file cannot be read
     * @throws KdbxException of kind MALFORMED for an XML key file whose data or hash is invalid
     */
    static byte[] read(Path file) throws IOException, KdbxException {
        byte[] content = Files.readAllBytes(file);
        try {
            return key(content);
        } finally {
            Bytes.wipe(content);
        }
    }

    static byte[] key(byte[] content) throws KdbxException {
        byte[] xmlKey = content.length <= MAX_XML_LENGTH ? xmlKey(content) : null;
        if (xmlKey != null) {
            return xmlKey;
        }
        if (content.length == 32) {
            return content.clone();
        }
        if (content.length == 64) {
            byte[] hex = Bytes.fromHex(new String(content, StandardCharsets.US_ASCII));
            if (hex != null) {
                return hex;
            }
        }
        return Bytes.sha256(content);
    }

    /** Returns the key of an XML key file, or {@code null} when the content is not one. */
    private static byte[] xmlKey(byte[] content) throws KdbxException {
        Document document;
        try {
            DocumentBuilder builder = XmlPayload.documentBuilder();
            builder.setErrorHandler(null);
            document = builder.parse(new ByteArrayInputStream(content));
        } catch (SAXException | IOException e) {
            return null;
        }
        Element root = document.getDocumentElement();
        if (!"KeyFile".equals(root.getTagName())) {
            return null;
        }
        Element key = Dom.child(root, "Key");
        Element data = key == null ? null : Dom.child(key, "Data");
        if (data == null) {
            throw KdbxException.malformed("the XML key file has no Key/Data element");
        }

        Element meta = Dom.child(root, "Meta");
        Element versionElement = meta == null ? null : Dom.child(meta, "Version");
        String version =
                versionElement == null ? "" : versionElement.getTextContent().trim();
        String text = data.getTextContent();

        try {
            if (version.startsWith("2.")) {
                return version2Key(text, data.getAttribute("Hash"));
            }
            if (version.startsWith("1.")) {
                return Base64.getMimeDecoder().decode(text.trim());
            }
        } catch (IllegalArgumentException e) {
            throw KdbxException.malformed("the XML key file's Key/Data is not valid base64");
        }
        throw KdbxException.unsupported("XML key file version " + version + " is not supported; 1.0 and 2.0 are");
    }

    /** Version 2.0: hex digits, possibly with whitespace, and a hash attribute of the first 4 bytes of SHA-256. */
    private static byte[] version2Key(String text, String hash) throws KdbxException {
        byte[] key = Bytes.fromHex(text.replaceAll("\\s", ""));
        if (key == null) {
            throw KdbxException.malformed("the XML key file's Key/Data is not hex");
        }
        if (!hash.isEmpty()) {
            byte[] expected = Bytes.fromHex(hash.trim());
            byte[] actual = Arrays.copyOf(Bytes.sha256(key), 4);
            if (expected == null || !MessageDigest.isEqual(expected, actual)) {
                Bytes.wipe(key);
                throw KdbxException.malformed("the XML key file's Key/Data does not match its Hash attribute, so"
                        + " the key file is damaged");
            }
        }
        return key;
    }
}
