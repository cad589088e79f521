package io.keyport.storage.kdbx.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.w3c.dom.Element;

/**
 * KDBX 3.x attachments: {@code Meta/Binaries/Binary} elements with an ID, base64 content, optionally GZip-compressed
 * ({@code Compressed="True"}) and protected by the inner stream ({@code Protected="True"}).
 */
final class MetaAttachments implements Attachments {

    private final KdbxDatabase database;

    MetaAttachments(KdbxDatabase database) {
        this.database = database;
    }

    @Override
    public byte[] read(Element value) throws KdbxException {
        if (!value.hasAttribute("Ref")) {
            return content(value, false);
        }
        String id = Integer.toString(Attachments.parseRef(value));
        for (Element binary : Dom.children(binaries(), "Binary")) {
            if (id.equals(binary.getAttribute("ID").trim())) {
                return content(binary, Dom.isTrue(binary.getAttribute("Compressed")));
            }
        }
        throw KdbxException.malformed("an entry references attachment " + id + ", which Meta/Binaries lacks");
    }

    @Override
    public void store(Element value, byte[] content) {
        Element binaries = binaries();
        int id = 0;
        for (Element binary : Dom.children(binaries, "Binary")) {
            try {
                id = Math.max(id, Integer.parseInt(binary.getAttribute("ID").trim()) + 1);
            } catch (NumberFormatException e) {
                // An ID that is no number cannot collide with a numeric one.
            }
        }
        Element binary = Dom.append(binaries, "Binary", null);
        binary.setAttribute("ID", Integer.toString(id));
        binary.setAttribute(ProtectedValues.ATTRIBUTE, "True");
        database.protectedValues().put(binary, content);
        value.setAttribute("Ref", Integer.toString(id));
    }

    @Override
    public void collectGarbage() {
        Set<String> used = new HashSet<>();
        for (Element reference : Attachments.references(database.document())) {
            used.add(reference.getAttribute("Ref").trim());
        }
        Element meta = Dom.child(database.document().getDocumentElement(), "Meta");
        Element binaries = meta == null ? null : Dom.child(meta, "Binaries");
        if (binaries == null) {
            return;
        }
        for (Element binary : Dom.children(binaries, "Binary")) {
            if (!used.contains(binary.getAttribute("ID").trim())) {
                database.protectedValues().remove(binary);
                Dom.remove(binary);
            }
        }
    }

    private Element binaries() {
        return Dom.requireChild(database.meta(), "Binaries");
    }

    private byte[] content(Element element, boolean compressed) throws KdbxException {
        byte[] data;
        if (ProtectedValues.isProtected(element)) {
            data = database.protectedValues().get(element);
        } else {
            try {
                data = Base64.getMimeDecoder().decode(element.getTextContent().trim());
            } catch (IllegalArgumentException e) {
                throw KdbxException.malformed("an attachment is not valid base64");
            }
        }
        if (!compressed) {
            return data;
        }
        try (InputStream input = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return input.readAllBytes();
        } catch (IOException e) {
            throw KdbxException.malformed("a compressed attachment is damaged");
        } finally {
            Bytes.wipe(data);
        }
    }
}
