package io.keyport.api.storage;

import io.keyport.api.secret.SecretValue;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An item: a label, lookup attributes and a secret with its content type. While its collection is
 * locked, only {@link #id()}, {@link #isLocked()} and the times can be read; the rest throws {@link
 * LockedException}. Methods on a deleted item throw {@link NoSuchObjectException}.
 */
@ConsumerType
public interface StorageItem {

    /** Returns the id: ASCII letters, digits and {@code _}, unique in its collection and never reused. */
    String id();

    boolean isLocked();

    String label();

    void setLabel(String label);

    /** Returns a copy of the lookup attributes. */
    Map<String, String> attributes();

    /** Replaces all lookup attributes, keeping the item's id. */
    void setAttributes(Map<String, String> attributes);

    /** Returns the creation time in seconds since the Unix epoch. */
    long created();

    /** Returns the time of the last change in seconds since the Unix epoch. */
    long modified();

    /** Returns a copy of the secret, which the caller closes. */
    SecretValue secret();

    /** Replaces the secret and its content type; the engine copies it and the caller closes it. */
    void setSecret(SecretValue secret);

    void delete();
}
