package io.keyport.storage.file.internal;

import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageItem;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The child process of {@link CrashTest}: writes items from several threads until it is killed, and prints
 * {@code number id} for each item once {@code createItem} returned, which is when the store acknowledged it.
 * After each item it relabels the previous one twice, so dead records pile up and the journal gets compacted.
 */
public final class CrashWriter {

    private CrashWriter() {}

    public static void main(String[] arguments) throws Exception {
        Path directory = Path.of(arguments[0]);
        int threads = Integer.parseInt(arguments[1]);
        FileStorageEngine engine = TestStores.open(directory, 16 * 1024, 0);
        StorageCollection collection = engine.collection("crash");
        if (collection == null) {
            collection = engine.createCollection("crash", "Crash", TestStores.text("pass"));
        } else {
            collection.unlock(TestStores.text("pass"));
        }
        AtomicInteger counter = new AtomicInteger(collection.itemIds().size() * 10);
        PrintStream out = System.out;
        StorageCollection target = collection;
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> writeForever(target, counter, out), "writer-" + t);
            thread.start();
        }
        out.println("ready");
        out.flush();
    }

    private static void writeForever(StorageCollection collection, AtomicInteger counter, PrintStream out) {
        StorageItem previous = null;
        while (true) {
            int number = counter.incrementAndGet();
            StorageItem item = collection.createItem(
                    "Item " + number,
                    Map.of("number", "" + number),
                    TestStores.text(CrashTest.secretOf(number)),
                    false);
            synchronized (out) {
                out.println(number + " " + item.id());
                out.flush();
            }
            if (previous != null) {
                previous.setLabel("Item " + number + " again");
                previous.setLabel("Item " + number + " once more");
            }
            previous = item;
        }
    }
}
