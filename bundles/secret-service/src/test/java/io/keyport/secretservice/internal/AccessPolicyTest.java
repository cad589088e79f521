package io.keyport.secretservice.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.keyport.api.prompt.Caller;
import io.keyport.api.prompt.PromptKind;
import io.keyport.api.prompt.PromptReply;
import io.keyport.api.prompt.PromptRequest;
import io.keyport.api.prompt.Prompter;
import io.keyport.secretservice.internal.AccessPolicy.Operation;
import io.keyport.secretservice.internal.AccessPolicy.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.freedesktop.DBus.Error.AccessDenied;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AccessPolicyTest {

    static final Client SECRET_TOOL = client(":1.10", "/usr/bin/secret-tool", "");
    static final Client PYTHON = client(":1.11", "/usr/bin/python3.11", "");
    static final Client FLATPAK = client(":1.12", "/app/bin/chat", "com.example.Chat");
    static final String ITEM = ObjectPaths.item("login", "7");

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final List<PromptRequest> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    private CompletableFuture<PromptReply> answer = CompletableFuture.completedFuture(PromptReply.confirmed());
    private boolean prompterAvailable = true;
    private Duration timeout = Duration.ofMillis(300);
    private final java.util.Set<String> leftTheBus = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final OpenQuestions openQuestions = new OpenQuestions(name -> !leftTheBus.contains(name));

    static Client client(String bus, String executable, String appId) {
        return new Client(new Caller(bus, 1000, 4000, executable), appId, "");
    }

    private AccessPolicy policy(List<String> rules, boolean unattendedAllow) throws Exception {
        return policy(
                rules,
                unattendedAllow,
                new AccessStore(folder.getRoot().toPath().resolve("access.properties")));
    }

    private AccessPolicy policy(List<String> rules, boolean unattendedAllow, AccessStore store) {
        Prompter prompter = new Prompter() {
            @Override
            public boolean isAvailable() {
                return prompterAvailable;
            }

            @Override
            public String unavailableReason() {
                return "";
            }

            @Override
            public CompletableFuture<PromptReply> ask(PromptRequest request) {
                asked.add(request);
                // Without a set answer, every question waits on its own reply.
                return answer == null ? new CompletableFuture<>() : answer;
            }
        };
        return new AccessPolicy(
                rules.stream().map(text -> AccessRule.parse(text).orElseThrow()).toList(),
                store,
                new AuditLog(
                        folder.getRoot().toPath().resolve("audit.log"), AuditLog.DEFAULT_MAX_BYTES, Clock.systemUTC()),
                () -> prompterAvailable ? Optional.of(prompter) : Optional.empty(),
                unattendedAllow,
                timeout,
                openQuestions);
    }

    @Test
    public void itemWithoutRecordIsAllowed() throws Exception {
        assertEquals(
                new Verdict(true, "default"), policy(List.of(), true).decide(PYTHON, Operation.READ, "login", "7"));
    }

    @Test
    public void creatorReadsWithoutQuestion() throws Exception {
        AccessPolicy policy = policy(List.of(), true);
        policy.created(SECRET_TOOL, ITEM);
        assertEquals(new Verdict(true, "creator"), policy.decide(SECRET_TOOL, Operation.READ, "login", "7"));
    }

    @Test
    public void otherProgramReadIsAsked() throws Exception {
        AccessPolicy policy = policy(List.of(), true);
        policy.created(SECRET_TOOL, ITEM);
        assertNull(policy.decide(PYTHON, Operation.READ, "login", "7"));
        Verdict verdict = policy.authorize(PYTHON, "GetSecret", Operation.READ, "login", "7", "Mail");
        assertEquals(new Verdict(true, "user"), verdict);
        assertEquals(1, asked.size());
        assertEquals(PromptKind.CONFIRMATION, asked.get(0).kind());
        assertEquals("Mail", asked.get(0).target());
        assertEquals(PYTHON.caller(), asked.get(0).caller());
    }

    @Test
    public void otherProgramWriteIsAllowed() throws Exception {
        AccessPolicy policy = policy(List.of(), true);
        policy.created(SECRET_TOOL, ITEM);
        assertEquals(new Verdict(true, "default"), policy.decide(PYTHON, Operation.WRITE, "login", "7"));
    }

    @Test
    public void collectionCreatorDeletesWithoutQuestion() throws Exception {
        AccessPolicy policy = policy(List.of(), true);
        policy.created(PYTHON, ObjectPaths.collection("work"));

        assertEquals(new Verdict(true, "creator"), policy.decide(PYTHON, Operation.DELETE_COLLECTION, "work", null));
    }

    @Test
    public void otherProgramCollectionDeleteIsAsked() throws Exception {
        AccessPolicy policy = policy(List.of(), true);
        policy.created(PYTHON, ObjectPaths.collection("work"));
        answer = CompletableFuture.completedFuture(PromptReply.dismissed());

        assertNull(policy.decide(SECRET_TOOL, Operation.DELETE_COLLECTION, "work", null));
        Verdict verdict = policy.authorize(SECRET_TOOL, "Delete", Operation.DELETE_COLLECTION, "work", null, "Work");
        assertEquals(new Verdict(false, "user"), verdict);
        assertEquals("Work", asked.get(0).target());
        assertEquals("deleting the whole collection", asked.get(0).operation());
    }

    @Test
    public void loginDeleteIsAsked() throws Exception {
        assertNull(policy(List.of(), true).decide(PYTHON, Operation.DELETE_COLLECTION, "login", null));
    }

    @Test
    public void collectionRuleDecidesDelete() throws Exception {
        AccessPolicy policy = policy(List.of("allow collection=login exe=/usr/bin/python3.11"), true);

        assertEquals(new Verdict(true, "rule"), policy.decide(PYTHON, Operation.DELETE_COLLECTION, "login", null));
    }

    @Test
    public void relativeExecutableRuleRejected() {
        assertEquals(Optional.empty(), AccessRule.parse("deny exe=python3"));
        assertTrue(AccessRule.parse("deny exe=/usr/bin/python3").isPresent());
    }

    @Test
    public void refusedQuestionRaisesAccessDenied() throws Exception {
        AccessPolicy policy = policy(List.of(), true);
        policy.created(SECRET_TOOL, ITEM);
        answer = CompletableFuture.completedFuture(PromptReply.dismissed());
        try {
            policy.require(PYTHON, "GetSecret", Operation.READ, "login", "7", "Mail");
            fail("expected AccessDenied");
        } catch (AccessDenied expected) {
            assertFalse(expected.getMessage().contains(ITEM));
        }
    }

    @Test
    public void alwaysIsRememberedAcrossRestarts() throws Exception {
        Path file = folder.getRoot().toPath().resolve("access.properties");
        AccessPolicy policy = policy(List.of(), true, new AccessStore(file));
        policy.created(SECRET_TOOL, ITEM);
        answer = CompletableFuture.completedFuture(PromptReply.confirmedAlways());
        assertEquals(
                new Verdict(true, "user-always"),
                policy.authorize(PYTHON, "GetSecret", Operation.READ, "login", "7", "Mail"));
        AccessPolicy restarted = policy(List.of(), true, new AccessStore(file));
        assertEquals(new Verdict(true, "always"), restarted.decide(PYTHON, Operation.READ, "login", "7"));
        assertEquals(1, asked.size());
    }

    @Test
    public void unattendedDefaultAllows() throws Exception {
        AccessPolicy policy = policy(List.of(), true);
        policy.created(SECRET_TOOL, ITEM);
        prompterAvailable = false;
        assertEquals(
                new Verdict(true, "unattended"),
                policy.authorize(PYTHON, "GetSecret", Operation.READ, "login", "7", "Mail"));
    }

    @Test
    public void unattendedDenyDenies() throws Exception {
        AccessPolicy policy = policy(List.of(), false);
        policy.created(SECRET_TOOL, ITEM);
        prompterAvailable = false;
        assertEquals(
                new Verdict(false, "unattended"),
                policy.authorize(PYTHON, "GetSecret", Operation.READ, "login", "7", "Mail"));
    }

    @Test
    public void unansweredQuestionTimesOut() throws Exception {
        AccessPolicy policy = policy(List.of(), true);
        policy.created(SECRET_TOOL, ITEM);
        CompletableFuture<PromptReply> pending = new CompletableFuture<>();
        answer = pending;
        assertEquals(
                new Verdict(false, "timeout"),
                policy.authorize(PYTHON, "GetSecret", Operation.READ, "login", "7", "Mail"));
        assertTrue("the question is withdrawn", pending.isCancelled());
    }

    @Test
    public void tooManyOpenQuestionsDenyAtOnce() throws Exception {
        timeout = Duration.ofSeconds(30);
        AccessPolicy policy = policy(List.of("ask"), true);
        answer = new CompletableFuture<>();
        List<Thread> waiting = new ArrayList<>();
        for (int i = 0; i < OpenQuestions.MAX_OPEN; i++) {
            Thread thread = new Thread(() -> policy.authorize(PYTHON, "GetSecret", Operation.READ, "login", "7", ""));
            thread.start();
            waiting.add(thread);
        }
        while (asked.size() < OpenQuestions.MAX_OPEN) {
            Thread.sleep(5);
        }
        assertEquals(
                new Verdict(false, "busy"), policy.authorize(PYTHON, "GetSecret", Operation.READ, "login", "8", ""));
        answer.complete(PromptReply.dismissed());
        for (Thread thread : waiting) {
            thread.join();
        }
    }

    /** Withdraws the questions of a client once {@code expected} of them are registered, or after 5 seconds. */
    private int withdrawWhenOpen(Client client, int expected) throws InterruptedException {
        int withdrawn = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (withdrawn < expected && System.nanoTime() < deadline) {
            withdrawn += openQuestions.withdrawAllOf(client.caller().busName());
            Thread.sleep(5);
        }
        return withdrawn;
    }

    @Test
    public void callerLeavingWithdrawsQuestion() throws Exception {
        timeout = Duration.ofSeconds(30);
        AccessPolicy policy = policy(List.of(), true);
        policy.created(SECRET_TOOL, ITEM);
        CompletableFuture<PromptReply> pending = new CompletableFuture<>();
        answer = pending;
        CompletableFuture<Verdict> verdict = CompletableFuture.supplyAsync(
                () -> policy.authorize(PYTHON, "GetSecret", Operation.READ, "login", "7", "Mail"));
        assertEquals(1, withdrawWhenOpen(PYTHON, 1));

        assertEquals(
                new Verdict(false, AccessPolicy.CALLER_GONE), verdict.get(5, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue("the prompter's question is cancelled", pending.isCancelled());
        String log = Files.readString(folder.getRoot().toPath().resolve("audit.log"));
        assertTrue(log, log.contains(" op=GetSecret path=" + ITEM + " decision=deny reason=caller-gone "));
    }

    @Test
    public void withdrawnQuestionFreesItsSlot() throws Exception {
        timeout = Duration.ofSeconds(30);
        AccessPolicy policy = policy(List.of("ask"), true);
        answer = null;
        List<CompletableFuture<Verdict>> waiting = new ArrayList<>();
        for (int i = 0; i < OpenQuestions.MAX_OPEN; i++) {
            waiting.add(CompletableFuture.supplyAsync(
                    () -> policy.authorize(PYTHON, "GetSecret", Operation.READ, "login", "7", "")));
        }
        assertEquals(OpenQuestions.MAX_OPEN, withdrawWhenOpen(PYTHON, OpenQuestions.MAX_OPEN));
        for (CompletableFuture<Verdict> verdict : waiting) {
            assertEquals(
                    new Verdict(false, AccessPolicy.CALLER_GONE),
                    verdict.get(5, java.util.concurrent.TimeUnit.SECONDS));
        }

        answer = CompletableFuture.completedFuture(PromptReply.confirmed());
        assertEquals(
                new Verdict(true, "user"),
                policy.authorize(SECRET_TOOL, "GetSecret", Operation.READ, "login", "8", ""));
    }

    @Test
    public void callerGoneBeforeQuestionIsRegistered() throws Exception {
        timeout = Duration.ofSeconds(30);
        AccessPolicy policy = policy(List.of("ask"), true);
        CompletableFuture<PromptReply> pending = new CompletableFuture<>();
        answer = pending;
        leftTheBus.add(PYTHON.caller().busName());

        assertEquals(
                new Verdict(false, AccessPolicy.CALLER_GONE),
                policy.authorize(PYTHON, "GetSecret", Operation.READ, "login", "7", ""));
        assertTrue("the prompter's question is cancelled", pending.isCancelled());
    }

    @Test
    public void otherCallerLeavingKeepsQuestion() throws Exception {
        AccessPolicy policy = policy(List.of("ask"), true);
        answer = new CompletableFuture<>();
        CompletableFuture<Verdict> verdict = CompletableFuture.supplyAsync(
                () -> policy.authorize(PYTHON, "GetSecret", Operation.READ, "login", "7", ""));
        while (asked.isEmpty()) {
            Thread.sleep(5);
        }

        assertEquals(0, openQuestions.withdrawAllOf(SECRET_TOOL.caller().busName()));
        answer.complete(PromptReply.confirmed());

        assertEquals(new Verdict(true, "user"), verdict.get(5, java.util.concurrent.TimeUnit.SECONDS));
    }

    @Test
    public void newItemReplacesStaleRecords() throws Exception {
        AccessPolicy policy = policy(List.of(), true);
        String stale = ObjectPaths.item("session", "1");
        policy.created(PYTHON, stale);
        answer = CompletableFuture.completedFuture(PromptReply.confirmedAlways());
        policy.authorize(FLATPAK, "GetSecret", Operation.READ, "session", "1", "");

        policy.created(SECRET_TOOL, stale);

        assertEquals(new Verdict(true, "creator"), policy.decide(SECRET_TOOL, Operation.READ, "session", "1"));
        assertNull("the earlier creator is asked", policy.decide(PYTHON, Operation.READ, "session", "1"));
        assertNull("the earlier grant is gone", policy.decide(FLATPAK, Operation.READ, "session", "1"));
    }

    @Test
    public void updatedItemKeepsItsCreator() throws Exception {
        AccessPolicy policy = policy(List.of(), true);
        policy.created(SECRET_TOOL, ITEM);

        policy.updated(PYTHON, ITEM);

        assertEquals(new Verdict(true, "creator"), policy.decide(SECRET_TOOL, Operation.READ, "login", "7"));
        assertNull(policy.decide(PYTHON, Operation.READ, "login", "7"));
    }

    @Test
    public void firstMatchingRuleWins() throws Exception {
        AccessPolicy policy =
                policy(List.of("deny collection=login exe=/usr/bin/python3.11", "allow collection=login"), true);
        assertEquals(new Verdict(false, "rule"), policy.decide(PYTHON, Operation.READ, "login", "7"));
        assertEquals(new Verdict(true, "rule"), policy.decide(SECRET_TOOL, Operation.WRITE, "login", "7"));
    }

    @Test
    public void ruleMatchesAppIdAndItem() throws Exception {
        AccessPolicy policy = policy(List.of("deny app=com.example.Chat item=7"), true);
        assertEquals(new Verdict(false, "rule"), policy.decide(FLATPAK, Operation.DELETE, "login", "7"));
        assertEquals(new Verdict(true, "default"), policy.decide(FLATPAK, Operation.DELETE, "login", "8"));
    }

    @Test
    public void askRuleAsksEvenTheCreator() throws Exception {
        AccessPolicy policy = policy(List.of("ask collection=login"), true);
        policy.created(SECRET_TOOL, ITEM);
        assertNull(policy.decide(SECRET_TOOL, Operation.READ, "login", "7"));
    }

    @Test
    public void flatpakAppIsIdentifiedByAppId() throws Exception {
        AccessPolicy policy = policy(List.of(), true);
        policy.created(FLATPAK, ITEM);
        Client sameAppOtherBinary = client(":1.13", "/app/bin/chat-helper", "com.example.Chat");
        assertEquals(new Verdict(true, "creator"), policy.decide(sameAppOtherBinary, Operation.READ, "login", "7"));
    }

    @Test
    public void deletedItemForgetsCreator() throws Exception {
        AccessPolicy policy = policy(List.of(), true);
        policy.created(SECRET_TOOL, ITEM);
        policy.deleted(ITEM);
        assertEquals(new Verdict(true, "default"), policy.decide(PYTHON, Operation.READ, "login", "7"));
    }

    @Test
    public void deniedReadIsAudited() throws Exception {
        AccessPolicy policy = policy(List.of("deny exe=/usr/bin/python3.11"), true);
        policy.authorize(PYTHON, "GetSecret", Operation.READ, "login", "7", "Mail");
        String log = Files.readString(folder.getRoot().toPath().resolve("audit.log"));
        assertTrue(log, log.contains(" op=GetSecret path=" + ITEM + " decision=deny reason=rule "));
    }

    @Test
    public void malformedRulesAreRejected() {
        assertTrue(AccessRule.parse("maybe exe=/bin/sh").isEmpty());
        assertTrue(AccessRule.parse("allow colour=red").isEmpty());
        assertTrue(AccessRule.parse("allow exe=").isEmpty());
        assertTrue(AccessRule.parse("ALLOW").isPresent());
    }
}
