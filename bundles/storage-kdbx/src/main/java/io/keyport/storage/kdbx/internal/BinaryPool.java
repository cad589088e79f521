package io.keyport.storage.kdbx.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * KDBX 4's attachment pool: contents indexed 0, 1, 2... in inner header order, referenced from the XML by
 * {@code <Binary><Value Ref="n"/>} in entries and their history.
 */
final class BinaryPool {

    /** One attachment's content and its protect-in-memory flag. The pool owns the array. */
    record Attachment(byte[] content, boolean protect) {}

    private final List<Attachment> attachments = new ArrayList<>();

    int size() {
        return attachments.size();
    }

    Attachment get(int index) {
        return attachments.get(index);
    }

    /** Adds a content the pool then owns, reusing an equal content's index as KeePassXC does. */
    int add(byte[] content, boolean protect) {
        for (int i = 0; i < attachments.size(); i++) {
            Attachment existing = attachments.get(i);
            if (Arrays.equals(existing.content(), content)) {
                if (protect && !existing.protect()) {
                    attachments.set(i, new Attachment(existing.content(), true));
                }
                Bytes.wipe(content);
                return i;
            }
        }
        attachments.add(new Attachment(content, protect));
        return attachments.size() - 1;
    }

    /**
     * Drops attachments that no reference uses and returns the renumbering of the rest, old index to new index. An
     * attachment that nothing references is unreachable in every KeePass program, so dropping it loses nothing.
     */
    Map<Integer, Integer> retainOnly(java.util.Set<Integer> referenced) {
        Map<Integer, Integer> renumbering = new HashMap<>();
        List<Attachment> kept = new ArrayList<>();
        for (int i = 0; i < attachments.size(); i++) {
            if (referenced.contains(i)) {
                renumbering.put(i, kept.size());
                kept.add(attachments.get(i));
            } else {
                Bytes.wipe(attachments.get(i).content());
            }
        }
        attachments.clear();
        attachments.addAll(kept);
        return renumbering;
    }

    void wipe() {
        for (Attachment attachment : attachments) {
            Bytes.wipe(attachment.content());
        }
        attachments.clear();
    }
}
