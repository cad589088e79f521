package io.keyport.storage.kdbx.internal;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A decrypted database: the outer header as read, the KDBX 4 inner header with its attachment pool, and the XML
 * payload as a DOM whose protected values live in {@link ProtectedValues}. Everything the engine does not model
 * stays in these structures unchanged, so a save writes it back as it was.
 */
final class KdbxDatabase {

    private final KdbxHeader header;
    private final KdfParameters kdf;
    private final InnerHeader innerHeader;
    private final Document document;
    private final ProtectedValues protectedValues;

    KdbxDatabase(
            KdbxHeader header,
            KdfParameters kdf,
            InnerHeader innerHeader,
            Document document,
            ProtectedValues protectedValues) {
        this.header = header;
        this.kdf = kdf;
        this.innerHeader = innerHeader;
        this.document = document;
        this.protectedValues = protectedValues;
    }

    KdbxHeader header() {
        return header;
    }

    KdfParameters kdf() {
        return kdf;
    }

    /** Returns the KDBX 4 inner header, or {@code null} for KDBX 3.x. */
    InnerHeader innerHeader() {
        return innerHeader;
    }

    Document document() {
        return document;
    }

    ProtectedValues protectedValues() {
        return protectedValues;
    }

    boolean isKdbx4() {
        return header.isKdbx4();
    }

    Element meta() {
        return Dom.requireChild(document.getDocumentElement(), "Meta");
    }

    /** Returns the root group, the single Group under Root. */
    Element rootGroup() throws KdbxException {
        Element root = Dom.child(document.getDocumentElement(), "Root");
        Element group = root == null ? null : Dom.child(root, "Group");
        if (group == null) {
            throw KdbxException.malformed("the XML payload has no Root/Group element");
        }
        return group;
    }

    /** Returns the attachments of this database's format version. */
    Attachments attachments() {
        return isKdbx4() ? new PoolAttachments(this) : new MetaAttachments(this);
    }

    /** Wipes the protected values and attachment contents. The DOM's plain strings are left to the collector. */
    void wipe() {
        protectedValues.wipe();
        if (innerHeader != null) {
            innerHeader.wipe();
        }
    }
}
