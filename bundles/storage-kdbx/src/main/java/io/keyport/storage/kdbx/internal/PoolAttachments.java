package io.keyport.storage.kdbx.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;

/** KDBX 4 attachments: contents in the inner header pool, referenced by their index. */
final class PoolAttachments implements Attachments {

    private final KdbxDatabase database;

    PoolAttachments(KdbxDatabase database) {
        this.database = database;
    }

    @Override
    public byte[] read(Element value) throws KdbxException {
        BinaryPool pool = database.innerHeader().binaries();
        int index = Attachments.parseRef(value);
        if (index < 0 || index >= pool.size()) {
            throw KdbxException.malformed(
                    "an entry references attachment " + index + " but the pool has " + pool.size());
        }
        return pool.get(index).content().clone();
    }

    @Override
    public void store(Element value, byte[] content) {
        int index = database.innerHeader().binaries().add(content, true);
        value.setAttribute("Ref", Integer.toString(index));
    }

    @Override
    public void collectGarbage() {
        List<Element> references = Attachments.references(database.document());
        Set<Integer> used = new HashSet<>();
        for (Element reference : references) {
            try {
                used.add(Attachments.parseRef(reference));
            } catch (KdbxException e) {
                // An unreadable reference keeps every attachment, so nothing it might mean is lost.
                return;
            }
        }
        Map<Integer, Integer> renumbering = database.innerHeader().binaries().retainOnly(used);
        for (Element reference : references) {
            Integer old = Integer.valueOf(reference.getAttribute("Ref").trim());
            Integer updated = renumbering.get(old);
            if (updated != null && !updated.equals(old)) {
                reference.setAttribute("Ref", updated.toString());
            }
        }
    }
}
