package io.keyport.contract.storage;

import static io.keyport.contract.storage.Secrets.readBytes;
import static io.keyport.contract.storage.Secrets.readContentType;
import static io.keyport.contract.storage.Secrets.readText;
import static io.keyport.contract.storage.Secrets.text;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.LockedException;
import io.keyport.api.storage.NoSuchObjectException;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageEngine;
import io.keyport.api.storage.StorageItem;
import io.keyport.api.storage.WrongPassphraseException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The behaviour every {@link StorageEngine} must show, as the Javadoc of {@code io.keyport.api.storage} states
 * it. A subclass opens and closes its engine on storage of its own. Each test runs on one collection, the
 * collection under test, which the kit creates or the subclass supplies.
 *
 * <p>Tests that only apply to some engines check a property that the subclass states ({@link #isPersistent()},
 * {@link #createsCollections()}) or that the API reports ({@link StorageCollection#needsPassphrase()}), and are
 * reported as skipped with the reason when it does not hold.
 */
public abstract class StorageEngineContractTest {

    /** The id of the collection that {@link #collectionUnderTest} creates. */
    protected static final String COLLECTION_ID = "contract";

    /** How long a test waits for a listener event or a thread, in milliseconds. */
    protected static final long TIMEOUT_MILLIS = 10_000;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_]+");

    private final RecordingListener listener = new RecordingListener();
    private StorageEngine engine;
    private StorageCollection collection;

    /**
     * Opens the engine on this test's storage. The kit calls it once before each test, and again after {@link
     * #closeEngine} when a test restarts the engine; a persistent engine then finds what the earlier instance
     * stored.
     */
    protected abstract StorageEngine openEngine() throws Exception;

    /** Stops the engine as its component's deactivation does, for example by calling its {@code close()}. */
    protected abstract void closeEngine(StorageEngine engine) throws Exception;

    /**
     * Returns whether the engine keeps its items across {@link #closeEngine} and {@link #openEngine}. The restart
     * tests run only for engines that return {@code true}.
     */
    protected abstract boolean isPersistent();

    /**
     * Returns whether items can be created, changed and deleted. A read-only engine returns {@code false}, its
     * collection under test contains at least one item, and every write throws {@link UnsupportedOperationException};
     * the tests that write are then reported as skipped.
     */
    protected boolean isWritable() {
        return true;
    }

    /** Returns the passphrase of the collection under test, or {@code null} when its collections need none. */
    protected String passphrase() {
        return null;
    }

    /** Returns whether {@link StorageEngine#createCollection} creates collections in the engine under test. */
    protected boolean createsCollections() {
        return true;
    }

    /**
     * Returns the unlocked collection that the tests use. By default it is {@value #COLLECTION_ID}: created with
     * {@link #passphrase()} on the first open, found and unlocked after a restart. Engines that create no
     * collections override this and return one that they serve. It may hold items already.
     */
    protected StorageCollection collectionUnderTest(StorageEngine opened) {
        for (StorageCollection existing : opened.collections()) {
            if (existing.id().equals(COLLECTION_ID)) {
                if (existing.isLocked()) {
                    unlock(existing);
                }
                return existing;
            }
        }
        try (SecretValue secret = passphrase() == null ? null : text(passphrase())) {
            return opened.createCollection(COLLECTION_ID, "Contract tests", secret);
        }
    }

    /** Returns how many threads write at once in the concurrency tests. */
    protected int writerThreads() {
        return 4;
    }

    /** Returns how many items each writer thread creates in the concurrency tests. */
    protected int itemsPerWriter() {
        return 10;
    }

    /**
     * Returns the names of attributes that the engine adds to every item by itself, such as a KDBX entry's
     * {@code Uuid}; the tests drop them before comparing an item's attributes with those a client set. None by
     * default: an engine that adds attributes declares them here.
     */
    protected Set<String> derivedAttributeNames() {
        return Set.of();
    }

    /**
     * Returns the content type that the engine returns for a secret written with {@code written}. By default it
     * is {@code written}, as {@link StorageItem#setSecret} requires; an engine that deviates overrides this and
     * marks the deviation as a known gap.
     */
    protected String expectedContentType(String written) {
        return written;
    }

    /** Returns the engine of the running test. */
    protected final StorageEngine engine() {
        return engine;
    }

    @Before
    public final void openEngineUnderTest() throws Exception {
        engine = openEngine();
        assertNotNull("openEngine() returned null", engine);
        collection = collectionUnderTest(engine);
        assertNotNull("collectionUnderTest() returned null", collection);
        assertFalse("The collection under test must start unlocked", collection.isLocked());
        engine.addListener(listener);
    }

    @After
    public final void closeEngineUnderTest() throws Exception {
        if (engine != null) {
            engine.removeListener(listener);
            closeEngine(engine);
            engine = null;
        }
    }

    @Test
    public void createdItemReadsBack() {
        assumeWritable();
        Map<String, String> attributes = Map.of("service", "mail", "user", "alice");
        StorageItem item = create("Mail", attributes, "hunter2");

        assertTrue(collection.itemIds().contains(item.id()));
        StorageItem read = collection.item(item.id());
        assertEquals(item.id(), read.id());
        assertEquals("Mail", read.label());
        assertAttributes(attributes, read);
        assertEquals("hunter2", readText(read));
        assertEquals(expectedContentType(Secrets.TEXT), readContentType(read));
        assertFalse(read.isLocked());
    }

    @Test
    public void itemIdsUseLettersDigitsUnderscore() {
        assumeWritable();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            String id = create("Item " + i, Map.of("n", Integer.toString(i)), "s" + i)
                    .id();
            assertTrue(
                    "Item id " + id + " has characters other than ASCII letters, digits and _",
                    ID.matcher(id).matches());
            assertTrue("Item id " + id + " was returned twice", ids.add(id));
        }
    }

    @Test
    public void deletedItemIdNotReused() {
        assumeWritable();
        Set<String> seen = new HashSet<>(collection.itemIds());
        for (int i = 0; i < 5; i++) {
            StorageItem item = create("Item " + i, Map.of("n", Integer.toString(i)), "s");
            assertTrue("Item id " + item.id() + " was used before", seen.add(item.id()));
            item.delete();
        }
    }

    @Test
    public void itemTimesAreEpochSeconds() {
        assumeWritable();
        long before = Instant.now().getEpochSecond();
        StorageItem item = create("Mail", Map.of("service", "mail"), "s");
        long after = Instant.now().getEpochSecond();

        assertTrue(
                "created " + item.created() + " is not within [" + before + ", " + after + "]",
                item.created() >= before - 1 && item.created() <= after + 1);
        assertTrue("modified is earlier than created", item.modified() >= item.created());
    }

    @Test
    public void updatesReadBack() {
        assumeWritable();
        StorageItem item = create("Mail", Map.of("service", "mail"), "old");

        item.setLabel("Renamed");
        item.setAttributes(Map.of("service", "web", "user", "bob"));
        try (SecretValue secret = SecretValue.copyOf(new byte[] {1, 2, 3}, "application/octet-stream")) {
            item.setSecret(secret);
        }

        StorageItem read = collection.item(item.id());
        assertEquals("Renamed", read.label());
        assertAttributes(Map.of("service", "web", "user", "bob"), read);
        assertArrayEquals(new byte[] {1, 2, 3}, readBytes(read));
        assertEquals(expectedContentType("application/octet-stream"), readContentType(read));
        assertEquals(List.of(item.id()), collection.search(Map.of("service", "web", "user", "bob")));
        assertFalse(collection.search(Map.of("service", "mail")).contains(item.id()));
    }

    @Test
    public void deletedItemIsGone() {
        assumeWritable();
        StorageItem item = create("Mail", Map.of("service", "mail"), "s");
        String id = item.id();

        item.delete();

        assertFalse(collection.itemIds().contains(id));
        assertFalse(collection.search(Map.of()).contains(id));
        assertThrows(NoSuchObjectException.class, () -> collection.item(id));
        assertThrows(NoSuchObjectException.class, item::label);
        assertThrows(NoSuchObjectException.class, item::secret);
        assertThrows(NoSuchObjectException.class, item::delete);
    }

    @Test
    public void unknownItemIdNotFound() {
        assertThrows(NoSuchObjectException.class, () -> collection.item("no_such_item_0"));
    }

    @Test
    public void searchMatchesAttributeSubset() {
        assumeWritable();
        String alice =
                create("A", Map.of("service", "mail", "user", "alice"), "1").id();
        String bob = create("B", Map.of("service", "mail", "user", "bob"), "2").id();
        String web = create("C", Map.of("service", "web"), "3").id();

        assertEquals(Set.of(alice, bob), Set.copyOf(collection.search(Map.of("service", "mail"))));
        assertEquals(List.of(bob), collection.search(Map.of("service", "mail", "user", "bob")));
        assertEquals(List.of(web), collection.search(Map.of("service", "web")));
        assertEquals("Values compare case-sensitively", List.of(), collection.search(Map.of("service", "Mail")));
        assertEquals("Names compare case-sensitively", List.of(), collection.search(Map.of("Service", "mail")));
        assertEquals("Values compare exactly", List.of(), collection.search(Map.of("service", "mai")));
        assertEquals(List.of(), collection.search(Map.of("service", "web", "user", "alice")));
    }

    @Test
    public void emptySearchMatchesAll() {
        assumeWritable();
        create("A", Map.of("service", "mail"), "1");
        create("B", Map.of(), "2");

        assertEquals(Set.copyOf(collection.itemIds()), Set.copyOf(collection.search(Map.of())));
    }

    @Test
    public void searchWorksWhileLocked() {
        StorageItem item = anyItem();
        String id = item.id();
        Map<String, String> attributes = item.attributes();
        List<String> before = collection.search(attributes);

        collection.lock();

        assertTrue(collection.isLocked());
        assertEquals(before, collection.search(attributes));
        assertTrue(collection.search(attributes).contains(id));
        assertTrue(collection.itemIds().contains(id));
    }

    @Test
    public void replaceUpdatesIdenticalAttributeSet() {
        assumeWritable();
        Map<String, String> attributes = Map.of("service", "mail", "user", "alice");
        String id = create("Old", attributes, "old").id();

        StorageItem replaced;
        try (SecretValue secret = text("new")) {
            replaced = collection.createItem("New", attributes, secret, true);
        }

        assertEquals(id, replaced.id());
        assertEquals(List.of(id), collection.search(attributes));
        assertEquals("New", collection.item(id).label());
        assertEquals("new", readText(collection.item(id)));
    }

    @Test
    public void replaceWithOtherAttributeSetCreates() {
        assumeWritable();
        String id =
                create("Old", Map.of("service", "mail", "user", "alice"), "old").id();

        String subset = replace(Map.of("service", "mail"), "subset").id();
        String superset = replace(Map.of("service", "mail", "user", "alice", "host", "a"), "superset")
                .id();

        assertNotEquals(id, subset);
        assertNotEquals(id, superset);
        assertEquals("old", readText(collection.item(id)));
    }

    @Test
    public void createWithoutReplaceKeepsBoth() {
        assumeWritable();
        Map<String, String> attributes = Map.of("service", "mail");
        String first = create("First", attributes, "1").id();
        String second = create("Second", attributes, "2").id();

        assertNotEquals(first, second);
        assertEquals(Set.of(first, second), Set.copyOf(collection.search(attributes)));
    }

    @Test
    public void binarySecretRoundTrips() {
        assumeWritable();
        byte[] everyByte = new byte[512];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        StorageItem item;
        try (SecretValue secret = SecretValue.copyOf(everyByte, "application/octet-stream")) {
            item = collection.createItem("Binary", Map.of("kind", "binary"), secret, false);
        }

        assertArrayEquals(everyByte, readBytes(collection.item(item.id())));
        assertEquals(expectedContentType("application/octet-stream"), readContentType(collection.item(item.id())));
    }

    @Test
    public void emptySecretRoundTrips() {
        assumeWritable();
        StorageItem item;
        try (SecretValue secret = SecretValue.copyOf(new byte[0], Secrets.TEXT)) {
            item = collection.createItem("Empty", Map.of("kind", "empty"), secret, false);
        }

        assertEquals(0, readBytes(collection.item(item.id())).length);
    }

    @Test
    public void contentTypesRoundTrip() {
        assumeWritable();
        for (String contentType : List.of("", "text/plain", "text/plain; charset=utf8", "application/x-key")) {
            StorageItem item;
            try (SecretValue secret = SecretValue.copyOf("x".getBytes(StandardCharsets.UTF_8), contentType)) {
                item = collection.createItem("Typed", Map.of("type", contentType), secret, false);
            }
            assertEquals(expectedContentType(contentType), readContentType(collection.item(item.id())));
        }
    }

    @Test
    public void unicodeLabelAndAttributesRoundTrip() {
        assumeWritable();
        Map<String, String> attributes = Map.of("ключ", "värde ✓", "empty", "");
        StorageItem item = create("Ünïcødé label ✓", attributes, "s");

        StorageItem read = collection.item(item.id());
        assertEquals("Ünïcødé label ✓", read.label());
        assertAttributes(attributes, read);
        assertEquals(List.of(item.id()), collection.search(Map.of("ключ", "värde ✓")));
    }

    @Test
    public void lockedItemRejectsReads() {
        String id = anyItem().id();

        collection.lock();

        assertTrue(collection.isLocked());
        StorageItem locked = collection.item(id);
        assertEquals(id, locked.id());
        assertTrue(locked.isLocked());
        assertThrows(LockedException.class, locked::label);
        assertThrows(LockedException.class, locked::attributes);
        assertThrows(LockedException.class, locked::secret);
        if (isWritable()) {
            assertThrows(LockedException.class, () -> locked.setLabel("x"));
            assertThrows(LockedException.class, locked::delete);
        }
    }

    @Test
    public void lockedCollectionRejectsCreate() {
        assumeWritable();
        collection.lock();

        try (SecretValue secret = text("s")) {
            assertThrows(LockedException.class, () -> collection.createItem("x", Map.of(), secret, false));
        }
    }

    @Test
    public void unlockRestoresAccess() {
        StorageItem item = anyItem();
        String label = item.label();
        byte[] secret = readBytes(item);

        collection.lock();
        unlock(collection);

        assertFalse(collection.isLocked());
        assertArrayEquals(secret, readBytes(collection.item(item.id())));
        assertEquals(label, collection.item(item.id()).label());
    }

    @Test
    public void unlockWhenUnlockedDoesNothing() {
        StorageItem item = anyItem();
        byte[] secret = readBytes(item);

        unlock(collection);

        assertFalse(collection.isLocked());
        assertArrayEquals(secret, readBytes(collection.item(item.id())));
    }

    @Test
    public void everyItemReadable() {
        anyItem();
        List<String> ids = collection.itemIds();

        assertEquals(Set.copyOf(ids), Set.copyOf(collection.search(Map.of())));
        for (String id : ids) {
            assertTrue(
                    "Item id " + id + " has characters other than ASCII letters, digits and _",
                    ID.matcher(id).matches());
            StorageItem item = collection.item(id);
            assertEquals(id, item.id());
            assertNotNull(item.label());
            assertTrue(
                    "search by the attributes of item " + id,
                    collection.search(item.attributes()).contains(id));
            readBytes(item);
        }
    }

    @Test
    public void readOnlyCollectionRejectsWrites() {
        assumeTrue("The engine under test is writable", !isWritable());
        StorageItem item = anyItem();
        String label = item.label();
        Map<String, String> attributes = item.attributes();

        try (SecretValue secret = text("s")) {
            assertThrows(
                    UnsupportedOperationException.class,
                    () -> collection.createItem("x", Map.of("a", "b"), secret, false));
            assertThrows(UnsupportedOperationException.class, () -> item.setSecret(secret));
        }
        assertThrows(UnsupportedOperationException.class, () -> item.setLabel("x"));
        assertThrows(UnsupportedOperationException.class, () -> item.setAttributes(Map.of("a", "b")));
        assertThrows(UnsupportedOperationException.class, item::delete);
        assertEquals(label, collection.item(item.id()).label());
        assertEquals(attributes, collection.item(item.id()).attributes());
    }

    @Test
    public void wrongPassphraseRejected() {
        assumeTrue("The collection under test needs no passphrase", collection.needsPassphrase());
        collection.lock();

        try (SecretValue wrong = text("not the passphrase")) {
            assertThrows(WrongPassphraseException.class, () -> collection.unlock(wrong));
        }
        assertTrue(collection.isLocked());
        unlock(collection);
        assertFalse(collection.isLocked());
    }

    @Test
    public void listenerHearsItemChanges() throws Exception {
        assumeWritable();
        String c = collection.id();
        StorageItem item = create("Mail", Map.of("service", "mail"), "s");
        String i = item.id();
        awaitEvent("itemCreated " + c + " " + i);

        item.setLabel("Renamed");
        awaitEvent("itemChanged " + c + " " + i);
        item.setAttributes(Map.of("service", "web"));
        awaitEvent("itemChanged " + c + " " + i);
        try (SecretValue secret = text("new")) {
            item.setSecret(secret);
        }
        awaitEvent("itemChanged " + c + " " + i);
        replace(Map.of("service", "web"), "replaced");
        awaitEvent("itemChanged " + c + " " + i);
        item.delete();
        awaitEvent("itemDeleted " + c + " " + i);
    }

    @Test
    public void listenerHearsLockChanges() throws Exception {
        collection.lock();
        awaitEvent("collectionChanged " + collection.id());
        unlock(collection);
        awaitEvent("collectionChanged " + collection.id());
    }

    @Test
    public void listenerHearsLabelChange() throws Exception {
        assumeWritable();
        collection.setLabel("Renamed collection");

        awaitEvent("collectionChanged " + collection.id());
        assertEquals("Renamed collection", collection.label());
    }

    @Test
    public void removedListenerHearsNothing() throws Exception {
        assumeWritable();
        RecordingListener removed = new RecordingListener();
        engine.addListener(removed);
        engine.removeListener(removed);
        engine.removeListener(new RecordingListener());

        String id = create("Mail", Map.of("service", "mail"), "s").id();
        awaitEvent("itemCreated " + collection.id() + " " + id);

        assertEquals(List.of(), removed.events());
    }

    @Test
    public void createdCollectionListedAndAnnounced() throws Exception {
        assumeTrue("The engine under test creates no collections", createsCollections());
        StorageCollection extra;
        try (SecretValue secret = passphrase() == null ? null : text(passphrase())) {
            extra = engine.createCollection("contract_extra", "Extra", secret);
        }

        assertEquals("contract_extra", extra.id());
        assertEquals("Extra", extra.label());
        assertFalse(extra.isLocked());
        assertTrue(engine.collections().stream().anyMatch(c -> c.id().equals("contract_extra")));
        awaitEvent("collectionAdded contract_extra");
        try {
            extra.delete();
        } catch (UnsupportedOperationException e) {
            return;
        }
        awaitEvent("collectionRemoved contract_extra");
        assertFalse(engine.collections().stream().anyMatch(c -> c.id().equals("contract_extra")));
    }

    @Test
    public void createCollectionRejectsInvalidIds() {
        assumeTrue("The engine under test creates no collections", createsCollections());
        for (String invalid : List.of("", "a-b", "../x", "a b", "ä")) {
            try (SecretValue secret = passphrase() == null ? null : text(passphrase())) {
                assertThrows(
                        "id '" + invalid + "'",
                        IllegalArgumentException.class,
                        () -> engine.createCollection(invalid, "Invalid", secret));
            }
        }
        try (SecretValue secret = passphrase() == null ? null : text(passphrase())) {
            assertThrows(
                    IllegalArgumentException.class, () -> engine.createCollection(collection.id(), "Twice", secret));
        }
    }

    @Test
    public void engineWithoutCollectionCreationRejectsIt() {
        assumeTrue("The engine under test creates collections", !createsCollections());
        try (SecretValue secret = passphrase() == null ? null : text(passphrase())) {
            assertThrows(
                    UnsupportedOperationException.class, () -> engine.createCollection("contract_extra", "X", secret));
        }
    }

    @Test
    public void concurrentWritersAllStored() throws Exception {
        assumeWritable();
        int threads = writerThreads();
        int perWriter = itemsPerWriter();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> writers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                String writer = Integer.toString(w);
                writers.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int n = 0; n < perWriter; n++) {
                        ids.add(create(
                                        "W" + writer,
                                        Map.of("writer", writer, "n", Integer.toString(n)),
                                        writer + ":" + n)
                                .id());
                        collection.search(Map.of("writer", writer));
                    }
                    return ids;
                }));
            }
            Set<String> all = new HashSet<>();
            for (Future<List<String>> writer : writers) {
                for (String id : writer.get(TIMEOUT_MILLIS * 3, TimeUnit.MILLISECONDS)) {
                    assertTrue("Item id " + id + " was returned twice", all.add(id));
                }
            }
            assertEquals(threads * perWriter, all.size());
            assertTrue(collection.itemIds().containsAll(all));
            for (int w = 0; w < threads; w++) {
                String writer = Integer.toString(w);
                List<String> hits = collection.search(Map.of("writer", writer));
                assertEquals("items of writer " + writer, perWriter, hits.size());
                for (String id : hits) {
                    String n = collection.item(id).attributes().get("n");
                    assertEquals(writer + ":" + n, readText(collection.item(id)));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void concurrentUpdatesOfOneItem() throws Exception {
        assumeWritable();
        StorageItem item = create("Shared", Map.of("shared", "yes"), "start");
        int threads = writerThreads();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Set<String> written = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                String writer = Integer.toString(w);
                writers.add(pool.submit(() -> {
                    for (int n = 0; n < itemsPerWriter(); n++) {
                        String value = writer + ":" + n;
                        written.add(value);
                        try (SecretValue secret = text(value)) {
                            item.setSecret(secret);
                        }
                        item.setLabel("Label " + value);
                        readText(item);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(TIMEOUT_MILLIS * 3, TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        String finalSecret = readText(collection.item(item.id()));
        assertTrue("The final secret is none of the written ones", written.contains(finalSecret));
        assertEquals(List.of(item.id()), collection.search(Map.of("shared", "yes")));
    }

    @Test
    public void closeDuringWritesKeepsAcknowledgedItems() throws Exception {
        assumeWritable();
        int threads = writerThreads();
        AtomicBoolean closed = new AtomicBoolean();
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        StorageEngine closing = engine;
        try {
            for (int w = 0; w < threads; w++) {
                String writer = Integer.toString(w);
                pool.submit(() -> writeUntilClosed(writer, closed, acknowledged));
            }
            long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
            while (acknowledged.size() < threads * 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            assertFalse("The writers stored nothing", acknowledged.isEmpty());

            engine.removeListener(listener);
            engine = null;
            closeEngine(closing);
            closed.set(true);
            pool.shutdown();
            assertTrue(
                    "Writers still ran " + TIMEOUT_MILLIS + " ms after the engine closed",
                    pool.awaitTermination(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        } finally {
            closed.set(true);
            pool.shutdownNow();
        }

        assumeTrue("The engine under test keeps nothing across a restart", isPersistent());
        reopen();
        for (String entry : acknowledged) {
            String[] parts = entry.split(" ", 2);
            StorageItem item = collection.item(parts[0]);
            assertEquals("secret of acknowledged item " + parts[0], parts[1], readText(item));
        }
    }

    @Test
    public void itemsSurviveRestart() throws Exception {
        assumeWritable();
        assumeTrue("The engine under test keeps nothing across a restart", isPersistent());
        StorageItem kept = create("Kept", Map.of("service", "mail"), "kept");
        StorageItem changed = create("Old", Map.of("service", "web"), "old");
        StorageItem deleted = create("Deleted", Map.of("service", "gone"), "gone");
        changed.setLabel("New");
        changed.setAttributes(Map.of("service", "web", "user", "bob"));
        byte[] binary = {0, -1, 10, 13, 0};
        try (SecretValue secret = SecretValue.copyOf(binary, "application/octet-stream")) {
            changed.setSecret(secret);
        }
        deleted.delete();

        reopen();

        assertEquals("kept", readText(collection.item(kept.id())));
        assertEquals("Kept", collection.item(kept.id()).label());
        StorageItem read = collection.item(changed.id());
        assertEquals("New", read.label());
        assertAttributes(Map.of("service", "web", "user", "bob"), read);
        assertArrayEquals(binary, readBytes(read));
        assertEquals(expectedContentType("application/octet-stream"), readContentType(read));
        assertFalse(collection.itemIds().contains(deleted.id()));
        assertEquals(List.of(changed.id()), collection.search(Map.of("user", "bob")));
    }

    @Test
    public void idsNotReusedAfterRestart() throws Exception {
        assumeWritable();
        assumeTrue("The engine under test keeps nothing across a restart", isPersistent());
        Set<String> seen = new HashSet<>(collection.itemIds());
        StorageItem last = create("Last", Map.of("n", "1"), "s");
        seen.add(last.id());
        last.delete();

        reopen();

        String next = create("Next", Map.of("n", "2"), "s").id();
        assertFalse("Item id " + next + " was used before the restart", seen.contains(next));
    }

    /** Closes the engine and opens it again on the same storage, with the listener attached. */
    protected final void reopen() throws Exception {
        if (engine != null) {
            engine.removeListener(listener);
            closeEngine(engine);
            engine = null;
        }
        engine = openEngine();
        collection = collectionUnderTest(engine);
        assertFalse("The collection under test must be unlocked after a restart", collection.isLocked());
        engine.addListener(listener);
    }

    /** Unlocks {@code target} with {@link #passphrase()} when it needs one, or with {@code null}. */
    protected final void unlock(StorageCollection target) {
        if (target.needsPassphrase()) {
            if (passphrase() == null) {
                fail("Collection " + target.id() + " needs a passphrase but passphrase() returns null");
            }
            try (SecretValue secret = text(passphrase())) {
                target.unlock(secret);
            }
        } else {
            target.unlock(null);
        }
    }

    private void assumeWritable() {
        assumeTrue("The engine under test is read-only", isWritable());
    }

    /** Returns an item of the collection under test, created first when the collection is empty. */
    private StorageItem anyItem() {
        List<String> ids = collection.itemIds();
        if (!ids.isEmpty()) {
            return collection.item(ids.get(0));
        }
        assertTrue("A read-only collection under test must hold at least one item", isWritable());
        return create("Mail", Map.of("service", "mail"), "hunter2");
    }

    private StorageItem create(String label, Map<String, String> attributes, String secret) {
        try (SecretValue value = text(secret)) {
            return collection.createItem(label, attributes, value, false);
        }
    }

    private StorageItem replace(Map<String, String> attributes, String secret) {
        try (SecretValue value = text(secret)) {
            return collection.createItem("Replaced", attributes, value, true);
        }
    }

    private void assertAttributes(Map<String, String> expected, StorageItem item) {
        Map<String, String> read = new HashMap<>(item.attributes());
        read.keySet().removeAll(derivedAttributeNames());
        assertEquals(expected, read);
    }

    private void awaitEvent(String event) throws InterruptedException {
        if (!listener.await(event, TIMEOUT_MILLIS)) {
            fail("No " + event + " within " + TIMEOUT_MILLIS + " ms; events: " + listener.events());
        }
    }

    /**
     * Creates items until the engine fails or the test marks it closed. An item counts as acknowledged only when
     * its create returned before {@link #closeEngine} did.
     */
    private void writeUntilClosed(String writer, AtomicBoolean closed, ConcurrentLinkedQueue<String> acknowledged) {
        StorageCollection target = collection;
        for (int n = 0; !closed.get(); n++) {
            String secret = writer + ":" + n;
            try (SecretValue value = text(secret)) {
                String id = target.createItem(
                                "W" + writer, Map.of("writer", writer, "n", Integer.toString(n)), value, false)
                        .id();
                if (!closed.get()) {
                    acknowledged.add(id + " " + secret);
                }
            } catch (RuntimeException e) {
                return;
            }
        }
    }
}
