/**
 * The storage engine contract: engines hold collections of items and register a {@link
 * io.keyport.api.storage.StorageEngine} service; the Secret Service exporter serves their collections
 * on the bus.
 *
 * <p>Rules every engine follows:
 *
 * <ul>
 *   <li>All methods are thread-safe; the exporter calls them from several bus threads at once.
 *   <li>A persistent engine returns from a method that changed data only once the change is durable,
 *       so that it survives a {@code kill -9} right after.
 *   <li>Every change, whoever made it, is reported to the registered {@link
 *       io.keyport.api.storage.StorageListener}s after it took effect. The exporter emits the D-Bus
 *       signals from these events alone. {@link io.keyport.api.storage.StorageListeners} keeps an engine's
 *       listeners and calls them.
 *   <li>No exception message holds a secret, a passphrase, a label or an attribute value.
 * </ul>
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.keyport.api.storage;
