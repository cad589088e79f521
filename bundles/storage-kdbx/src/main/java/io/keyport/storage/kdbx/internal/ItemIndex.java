package io.keyport.storage.kdbx.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.w3c.dom.Element;

/**
 * The item data that a locked collection keeps from its last unlock: ids, times, keyed digests of the attributes
 * for searches, and a digest of each item that shows what changed in the file. The digests are HMAC-SHA256 under
 * a random key that never leaves memory, so attribute values are not kept in clear. The digest of each secret is
 * dropped when the collection locks.
 */
final class ItemIndex {

    /** One item as the index stores it. */
    record Summary(long created, long modified, Set<String> tags, String contentDigest, String secretDigest) {}

    /** The ids that appeared, changed and disappeared between two indexes. */
    record Changes(List<String> created, List<String> changed, List<String> deleted) {
        boolean isEmpty() {
            return created.isEmpty() && changed.isEmpty() && deleted.isEmpty();
        }
    }

    private final byte[] key = new byte[32];
    /** An initialised HMAC that each digest clones, which is much cheaper than a provider lookup per digest. */
    private final Mac prototype;

    private Map<String, Summary> items = new LinkedHashMap<>();
    private boolean populated;

    ItemIndex(SecureRandom random) {
        random.nextBytes(key);
        try {
            prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from the Java runtime", e);
        }
    }

    /** Returns whether the index was ever filled from an unlocked database. */
    boolean populated() {
        return populated;
    }

    List<String> ids() {
        return List.copyOf(items.keySet());
    }

    Summary summary(String id) {
        return items.get(id);
    }

    List<String> search(Map<String, String> attributes) {
        Set<String> requested = new HashSet<>();
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            requested.add(tag(attribute.getKey(), attribute.getValue()));
        }
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, Summary> item : items.entrySet()) {
            if (item.getValue().tags().containsAll(requested)) {
                found.add(item.getKey());
            }
        }
        return found;
    }

    /** Rebuilds the index from an unlocked database and returns the differences to the previous one. */
    Changes rebuild(OpenDatabase open) throws KdbxException {
        Map<String, Summary> previous = items;
        Map<String, Summary> current = new LinkedHashMap<>();
        for (Map.Entry<String, Element> entry : open.entries().entrySet()) {
            current.put(entry.getKey(), summarize(open, entry.getValue()));
        }
        items = current;
        populated = true;
        return diff(previous, current);
    }

    /** Drops the secret digests when the collection locks. */
    void forgetSecrets() {
        items.replaceAll((id, summary) ->
                new Summary(summary.created(), summary.modified(), summary.tags(), summary.contentDigest(), null));
    }

    void wipe() {
        Bytes.wipe(key);
        items = new LinkedHashMap<>();
    }

    private Summary summarize(OpenDatabase open, Element entry) throws KdbxException {
        ItemMapping mapping = open.mapping();
        Map<String, String> attributes = mapping.attributes(entry, open.exposedGroup());
        Set<String> tags = new HashSet<>();
        Mac content = mac();
        update(content, mapping.label(entry));
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            String tag = tag(attribute.getKey(), attribute.getValue());
            tags.add(tag);
            update(content, tag);
        }
        long now = KdbxTimes.now();
        long created = EntryFields.time(entry, "CreationTime", now);
        long modified = EntryFields.time(entry, "LastModificationTime", created);
        update(content, Long.toString(modified));
        Mac secret = mac();
        try (var value = mapping.secret(entry)) {
            byte[] bytes = value.copyBytes();
            secret.update(bytes);
            Bytes.wipe(bytes);
            update(secret, value.contentType());
        }
        return new Summary(created, modified, Set.copyOf(tags), encode(content.doFinal()), encode(secret.doFinal()));
    }

    private static Changes diff(Map<String, Summary> previous, Map<String, Summary> current) {
        List<String> created = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (Map.Entry<String, Summary> item : current.entrySet()) {
            Summary before = previous.get(item.getKey());
            if (before == null) {
                created.add(item.getKey());
            } else if (!before.contentDigest().equals(item.getValue().contentDigest())
                    || (before.secretDigest() != null
                            && !before.secretDigest().equals(item.getValue().secretDigest()))) {
                changed.add(item.getKey());
            }
        }
        for (String id : previous.keySet()) {
            if (!current.containsKey(id)) {
                deleted.add(id);
            }
        }
        return new Changes(created, changed, deleted);
    }

    private String tag(String name, String value) {
        Mac mac = mac();
        update(mac, name);
        update(mac, value);
        return encode(java.util.Arrays.copyOf(mac.doFinal(), 16));
    }

    /** Adds a length-prefixed string, so that no two different sequences of strings hash alike. */
    private static void update(Mac mac, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        mac.update(Bytes.int32(bytes.length));
        mac.update(bytes);
    }

    private Mac mac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("The Java runtime's HMAC-SHA256 cannot be cloned", e);
        }
    }

    private static String encode(byte[] digest) {
        return Base64.getEncoder().withoutPadding().encodeToString(digest);
    }
}
