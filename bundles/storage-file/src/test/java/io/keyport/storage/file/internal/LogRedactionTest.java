package io.keyport.storage.file.internal;

import static io.keyport.storage.file.internal.TestStores.text;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.slf4j.LoggerFactory;

/** Runs the store through its normal and error paths with TRACE logging and checks that no secret reaches the log. */
public class LogRedactionTest {

    private static final List<String> CANARIES = List.of(
            "PASSPHRASE-canary",
            "NEW-PASSPHRASE-canary",
            "LABEL-canary",
            "VALUE-canary",
            "SECRET-canary",
            "COLLECTION-LABEL-canary");

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<String> texts = new ArrayList<>();
    private Logger logger;
    private Level previousLevel;

    @Before
    public void captureLog() {
        logger = (Logger) LoggerFactory.getLogger("io.keyport");
        previousLevel = logger.getLevel();
        logger.setLevel(Level.TRACE);
        logger.setAdditive(false);
        appender.start();
        logger.addAppender(appender);
    }

    @After
    public void releaseLog() {
        logger.detachAppender(appender);
        logger.setLevel(previousLevel);
        logger.setAdditive(true);
    }

    @Test
    public void noSecretInLogOrExceptions() throws Exception {
        Path directory = folder.getRoot().toPath().resolve("store");
        String id;
        try (FileStorageEngine engine = TestStores.open(directory, 1024, 1)) {
            StorageCollection login =
                    engine.createCollection("login", "COLLECTION-LABEL-canary", text("PASSPHRASE-canary"));
            StorageItem item =
                    login.createItem("LABEL-canary", Map.of("user", "VALUE-canary"), text("SECRET-canary"), false);
            id = item.id();
            for (int i = 0; i < 50; i++) {
                item.setSecret(text("SECRET-canary"));
            }
            login.lock();
            record(() -> login.unlock(text("wrong")));
            record(() -> item.secret());
            engine.collection("login").changePassphrase(text("PASSPHRASE-canary"), text("NEW-PASSPHRASE-canary"));
            login.unlock(text("NEW-PASSPHRASE-canary"));
            Thread.sleep(2500);
        }

        Path file = directory.resolve("login.collection");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 1;
        Files.write(file, bytes);
        try (FileStorageEngine engine = TestStores.open(directory)) {
            StorageCollection login = engine.collection("login");
            record(() -> login.unlock(text("NEW-PASSPHRASE-canary")));
            record(() -> login.item(id).label());
        }
        bytes[30] ^= 1;
        Files.write(file, bytes);
        try (FileStorageEngine engine = TestStores.open(directory)) {
            texts.addAll(engine.unreadableCollections().values());
        }

        for (ILoggingEvent event : appender.list) {
            texts.add(event.getFormattedMessage());
            for (IThrowableProxy proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
                texts.add(proxy.getMessage());
            }
        }
        assertTrue("expected lifecycle log lines", appender.list.size() > 5);
        for (String text : texts) {
            for (String canary : CANARIES) {
                assertFalse(text, text != null && text.contains(canary));
            }
        }
    }

    private void record(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                texts.add(t.getMessage());
                texts.add(t.toString());
            }
        }
    }
}
