package io.keyport.prompter.tty.internal;

import static io.keyport.prompter.tty.internal.TestRequests.await;
import static io.keyport.prompter.tty.internal.TestRequests.request;
import static io.keyport.prompter.tty.internal.TestRequests.unlock;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.keyport.api.prompt.PromptKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.slf4j.LoggerFactory;

/** Runs answers and unlocks with TRACE logging and checks that no passphrase reaches the log. */
public class LogRedactionTest {

    private static final String CANARY = "PASSPHRASE-canary";
    private static final String CANARY_BASE64 =
            Base64.getEncoder().encodeToString(CANARY.getBytes(StandardCharsets.UTF_8));

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger logger;
    private Level previousLevel;

    @Before
    public void captureLog() {
        logger = (Logger) LoggerFactory.getLogger("io.keyport");
        previousLevel = logger.getLevel();
        logger.setLevel(Level.TRACE);
        appender.start();
        logger.addAppender(appender);
    }

    @After
    public void releaseLog() {
        logger.detachAppender(appender);
        logger.setLevel(previousLevel);
    }

    @Test
    public void noPassphraseInLog() throws Exception {
        Path socket = folder.getRoot().toPath().resolve(PromptAgentServer.SOCKET_NAME);
        QuestionQueue queue = new QuestionQueue();
        CollectionRegistry collections = new CollectionRegistry();
        collections.add(new FakeStorage("login", CANARY));
        PromptAgentServer server = new PromptAgentServer(socket, queue, collections, null);
        server.start();
        try (TestClient agent = TestClient.agent(socket);
                TestClient unlocker = TestClient.unlocker(socket)) {
            while (!queue.hasTerminals()) {
                Thread.sleep(10);
            }
            var first = queue.ask(unlock("Login"));
            agent.sendSecret("PASSPHRASE " + agent.expect("ASK").get(1), CANARY);
            await(first).close();
            var second = queue.ask(request(PromptKind.CONFIRMATION, "Item"));
            agent.sendSecret("PASSPHRASE " + agent.expect("ASK").get(1), CANARY);
            await(second);
            unlocker.sendSecret("UNLOCK login", CANARY + "-wrong");
            unlocker.expect("WRONG_PASSPHRASE");
            unlocker.sendSecret("UNLOCK login", CANARY);
            unlocker.expect("UNLOCKED");
            agent.send("PASSPHRASE 99 " + CANARY_BASE64 + "*");
            agent.expect("ERROR");
        } finally {
            server.close();
            queue.close();
        }

        assertTrue("expected log lines", appender.list.size() > 5);
        for (ILoggingEvent event : appender.list) {
            assertClean(event.getFormattedMessage());
            for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
                assertClean(cause.getMessage());
            }
        }
    }

    private static void assertClean(String text) {
        if (text == null) {
            return;
        }
        for (String canary : List.of(CANARY, CANARY_BASE64)) {
            assertFalse(text, text.contains(canary));
        }
    }
}
