package io.keyport.contract.prompt;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.keyport.api.prompt.Caller;
import io.keyport.api.prompt.PromptKind;
import io.keyport.api.prompt.PromptReply;
import io.keyport.api.prompt.PromptRequest;
import io.keyport.api.prompt.Prompter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The behaviour every {@link Prompter} must show, as the Javadoc of {@code io.keyport.api.prompt} states it. A
 * subclass starts its prompter and a {@link PrompterDriver} that plays the user; the tests ask questions and check
 * the futures.
 */
public abstract class PrompterContractTest {

    /** How long a test waits for a question, a reply or a withdrawal, in milliseconds. */
    protected static final long TIMEOUT_MILLIS = 10_000;

    /** The caller that the tests' requests name. */
    protected static final Caller CALLER = new Caller(":1.42", 1000, 4711, "/usr/bin/secret-tool");

    private Prompter prompter;
    private PrompterDriver driver;

    /** Starts the prompter under test. */
    protected abstract Prompter startPrompter() throws Exception;

    /** Stops the prompter as its component's deactivation does. */
    protected abstract void stopPrompter(Prompter started) throws Exception;

    /** Attaches a user to {@code started}, after which {@link Prompter#isAvailable()} returns {@code true}. */
    protected abstract PrompterDriver attachDriver(Prompter started) throws Exception;

    /** Returns how many questions the concurrency test asks at once. */
    protected int concurrentRequests() {
        return 5;
    }

    @Before
    public final void startPrompterUnderTest() throws Exception {
        prompter = startPrompter();
        assertNotNull("startPrompter() returned null", prompter);
        driver = attachDriver(prompter);
        assertNotNull("attachDriver() returned null", driver);
    }

    @After
    public final void stopPrompterUnderTest() throws Exception {
        if (driver != null) {
            driver.close();
        }
        if (prompter != null) {
            stopPrompter(prompter);
        }
    }

    @Test
    public void availableWhileUserAttached() {
        assertTrue(prompter.isAvailable());
        assertEquals("", prompter.unavailableReason());
    }

    @Test
    public void passphraseRequestAnswered() throws Exception {
        CompletableFuture<PromptReply> future = prompter.ask(request(PromptKind.PASSPHRASE, "Login"));

        ShownQuestion question = awaitQuestion();
        assertEquals(PromptKind.PASSPHRASE, question.kind());
        assertEquals("Login", question.target());
        driver.answerPassphrase(question, "correct horse ✓");

        try (PromptReply reply = await(future)) {
            assertFalse(reply.isDismissed());
            assertTrue(reply.isConfirmed());
            assertEquals("correct horse ✓", text(reply));
        }
    }

    @Test
    public void newPassphraseRequestAnswered() throws Exception {
        CompletableFuture<PromptReply> future = prompter.ask(request(PromptKind.NEW_PASSPHRASE, "Work"));

        ShownQuestion question = awaitQuestion();
        assertEquals(PromptKind.NEW_PASSPHRASE, question.kind());
        driver.answerPassphrase(question, "new one");

        try (PromptReply reply = await(future)) {
            assertEquals("new one", text(reply));
        }
    }

    @Test
    public void confirmationAnswered() throws Exception {
        CompletableFuture<PromptReply> future = prompter.ask(request(PromptKind.CONFIRMATION, "Mail"));

        ShownQuestion question = awaitQuestion();
        assertEquals(PromptKind.CONFIRMATION, question.kind());
        driver.confirm(question);

        try (PromptReply reply = await(future)) {
            assertTrue(reply.isConfirmed());
            assertFalse(reply.isDismissed());
        }
    }

    @Test
    public void dismissalCompletesDismissed() throws Exception {
        CompletableFuture<PromptReply> future = prompter.ask(request(PromptKind.PASSPHRASE, "Login"));

        driver.dismiss(awaitQuestion());

        try (PromptReply reply = await(future)) {
            assertTrue(reply.isDismissed());
            assertFalse(reply.isConfirmed());
        }
    }

    @Test
    public void cancelWithdrawsQuestion() throws Exception {
        CompletableFuture<PromptReply> future = prompter.ask(request(PromptKind.PASSPHRASE, "Login"));
        ShownQuestion question = awaitQuestion();

        assertTrue(future.cancel(true));

        assertTrue(future.isCancelled());
        assertTrue("The prompter still shows the cancelled question", driver.awaitWithdrawn(question, TIMEOUT_MILLIS));
    }

    @Test
    public void questionAfterCancelAnswered() throws Exception {
        prompter.ask(request(PromptKind.PASSPHRASE, "First")).cancel(true);
        CompletableFuture<PromptReply> second = prompter.ask(request(PromptKind.PASSPHRASE, "Second"));

        ShownQuestion question = awaitQuestion();
        if (question.target().equals("First")) {
            driver.awaitWithdrawn(question, TIMEOUT_MILLIS);
            question = awaitQuestion();
        }
        assertEquals("Second", question.target());
        driver.answerPassphrase(question, "two");

        try (PromptReply reply = await(second)) {
            assertEquals("two", text(reply));
        }
    }

    @Test
    public void lostUserDismissesOpenQuestion() throws Exception {
        CompletableFuture<PromptReply> future = prompter.ask(request(PromptKind.PASSPHRASE, "Login"));
        awaitQuestion();

        driver.close();
        driver = null;

        try (PromptReply reply = await(future)) {
            assertTrue(reply.isDismissed());
        }
    }

    @Test
    public void concurrentRequestsEachAnswered() throws Exception {
        int count = concurrentRequests();
        ExecutorService askers = Executors.newFixedThreadPool(count);
        try {
            List<Future<CompletableFuture<PromptReply>>> asked = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String target = "Collection" + i;
                asked.add(askers.submit(() -> prompter.ask(request(PromptKind.PASSPHRASE, target))));
            }
            Map<String, CompletableFuture<PromptReply>> futures = new HashMap<>();
            for (int i = 0; i < count; i++) {
                futures.put("Collection" + i, asked.get(i).get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
            }
            for (int i = 0; i < count; i++) {
                ShownQuestion question = awaitQuestion();
                driver.answerPassphrase(question, "passphrase of " + question.target());
            }
            for (Map.Entry<String, CompletableFuture<PromptReply>> entry : futures.entrySet()) {
                try (PromptReply reply = await(entry.getValue())) {
                    assertEquals("passphrase of " + entry.getKey(), text(reply));
                }
            }
        } finally {
            askers.shutdownNow();
        }
    }

    /** Returns a request of {@code kind} for {@code target} from {@link #CALLER}. */
    protected static PromptRequest request(PromptKind kind, String target) {
        return new PromptRequest(kind, "Unlock", target, CALLER, "", "");
    }

    private ShownQuestion awaitQuestion() throws Exception {
        ShownQuestion question = driver.awaitQuestion(TIMEOUT_MILLIS);
        if (question == null) {
            fail("The prompter showed no question within " + TIMEOUT_MILLIS + " ms");
        }
        return question;
    }

    private static PromptReply await(CompletableFuture<PromptReply> future) throws Exception {
        return future.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static String text(PromptReply reply) {
        return new String(reply.passphrase().copyBytes(), StandardCharsets.UTF_8);
    }
}
