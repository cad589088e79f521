package io.keyport.control.internal;

import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageEngine;
import java.util.Collection;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** The "Collections" part of {@code keyport status}: each storage engine and the collections it serves. */
final class CollectionsSection {

    private final BundleContext context;

    CollectionsSection(BundleContext context) {
        this.context = context;
    }

    void append(StringBuilder out) {
        Collection<ServiceReference<StorageEngine>> references;
        try {
            references = context.getServiceReferences(StorageEngine.class, null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (references.isEmpty()) {
            out.append("Collections: none, because no storage engine runs\n");
            return;
        }
        out.append("Collections:\n");
        for (ServiceReference<StorageEngine> reference : references) {
            StorageEngine engine = context.getService(reference);
            if (engine == null) {
                continue;
            }
            try {
                appendEngine(out, String.valueOf(reference.getProperty(StorageEngine.NAME_PROPERTY)), engine);
            } finally {
                context.ungetService(reference);
            }
        }
    }

    private static void appendEngine(StringBuilder out, String engineName, StorageEngine engine) {
        List<StorageCollection> collections = engine.collections();
        if (collections.isEmpty()) {
            out.append(String.format("  %-20s (engine %s has no collections yet)%n", "-", engineName));
        }
        for (StorageCollection collection : collections) {
            out.append(String.format(
                    "  %-20s %-8s %d items, engine %s%n",
                    collection.id(),
                    collection.isLocked() ? "locked" : "unlocked",
                    collection.itemIds().size(),
                    engineName));
        }
    }
}
