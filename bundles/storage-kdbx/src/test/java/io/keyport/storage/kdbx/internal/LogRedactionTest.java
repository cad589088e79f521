package io.keyport.storage.kdbx.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageException;
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

/** With TRACE on, no log line and no exception message contains a secret, a passphrase, a label or an attribute value. */
public class LogRedactionTest {

    private static final String SECRET = "secret-value-7f3a";
    private static final String LABEL = "label-value-91c2";
    private static final String ATTRIBUTE = "attribute-value-5d0e";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger root;
    private Level previousLevel;

    @Before
    public void captureLog() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previousLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        appender.start();
        root.addAppender(appender);
    }

    @After
    public void releaseLog() {
        root.detachAppender(appender);
        root.setLevel(previousLevel);
    }

    @Test
    public void engineLogsNoSecrets() throws Exception {
        Path file = TestDatabases.create(folder.getRoot().toPath(), "log.kdbx", "argon2d", "aes256", true, false);
        List<String> texts = new ArrayList<>();
        try (KdbxStorageEngine engine = TestDatabases.unlocked(TestDatabases.settings(file));
                SecretValue secret = TestDatabases.text(SECRET)) {
            StorageCollection collection = engine.collection();
            collection.createItem(LABEL, Map.of("service", ATTRIBUTE), secret, false);
            collection.lock();
            try (SecretValue wrong = TestDatabases.text(SECRET + "-wrong")) {
                texts.add(assertThrows(StorageException.class, () -> collection.unlock(wrong))
                        .getMessage());
            }
            try (SecretValue passphrase = TestDatabases.text(TestDatabases.PASSWORD)) {
                collection.unlock(passphrase);
            }
            Files.write(file, new byte[] {1, 2, 3});
            texts.add(assertThrows(
                            StorageException.class,
                            () -> KdbxStorageEngineTest.item(collection, LABEL).setLabel(LABEL + "-renamed"))
                    .getMessage());
            engine.collection().checkDisk();
        }

        for (ILoggingEvent event : appender.list) {
            texts.add(event.getFormattedMessage());
            for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
                texts.add(cause.getMessage());
            }
        }
        assertTrue(appender.list.size() > 3);
        for (String text : texts) {
            String message = String.valueOf(text);
            assertFalse(message, message.contains(SECRET));
            assertFalse(message, message.contains(LABEL));
            assertFalse(message, message.contains(ATTRIBUTE));
            assertFalse(message, message.contains(TestDatabases.PASSWORD));
        }
    }
}
