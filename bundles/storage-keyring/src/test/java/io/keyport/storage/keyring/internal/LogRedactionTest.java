package io.keyport.storage.keyring.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageItem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.slf4j.LoggerFactory;

/** Runs the engine through normal and error paths with TRACE logging and checks that no value reaches the log. */
public class LogRedactionTest {

    private static final KeyctlSyscalls KEYCTL = TestKeyrings.KEYCTL;
    private static final List<String> CANARIES =
            List.of("SECRET-canary", "LABEL-canary", "VALUE-canary", "COLLECTION-LABEL-canary");

    private final TestKeyrings keyrings = new TestKeyrings();
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
        keyrings.close();
    }

    @Test
    public void noValueInLogOrExceptions() throws Exception {
        int parent = keyrings.create();
        KernelKeyringEngine engine = new KernelKeyringEngine(
                TestKeyrings.settings("redaction", parent, Map.of("session", "COLLECTION-LABEL-canary"), 1), KEYCTL);
        StorageCollection session = engine.collection("session");
        StorageItem item =
                session.createItem("LABEL-canary", Map.of("user", "VALUE-canary"), text("SECRET-canary"), false);
        item.setSecret(text("SECRET-canary 2"));
        item.setLabel("LABEL-canary 2");
        record(() -> session.createItem("LABEL-canary", Map.of("user", "VALUE-canary".repeat(4000)), text("x"), false));
        int keyring = ((KeyringCollection) session).keyringSerial();
        KEYCTL.addKey("user", "keyport:item:50", "VALUE-canary LABEL-canary".getBytes(StandardCharsets.UTF_8), keyring);
        session.lock();
        record(item::secret);
        record(item::label);
        session.search(Map.of("user", "VALUE-canary"));
        session.unlock(null);
        engine.rescan();
        Thread.sleep(2500);
        record(item::secret);
        engine.close();

        appender.list.forEach(event -> {
            texts.add(event.getFormattedMessage());
            for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
                texts.add(cause.getMessage());
            }
        });
        assertTrue("expected log lines at TRACE", appender.list.size() > 3);
        for (String text : texts) {
            for (String canary : CANARIES) {
                assertFalse(text, text != null && text.contains(canary));
            }
        }
    }

    private void record(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                texts.add(cause.getMessage());
            }
        }
    }

    private static SecretValue text(String value) {
        return SecretValue.copyOf(value.getBytes(StandardCharsets.UTF_8), "text/plain");
    }
}
