package io.keyport.secretservice.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access questions open at once, by the unique bus name of the program whose call waits for the reply. A
 * question is withdrawn when that program leaves the bus, which frees its slot and takes it off the user's screen.
 * One instance outlives configuration changes, so the slots count every open question.
 */
final class OpenQuestions {

    /**
     * Maximum number of questions open at once. Each open question occupies one of dbus-java's method call threads
     * (4 by default in dbus-java 5.1), so a further question is denied at once to keep the bus served.
     */
    static final int MAX_OPEN = 2;

    private static final Logger LOG = LoggerFactory.getLogger(OpenQuestions.class);

    private final Semaphore slots = new Semaphore(MAX_OPEN);
    private final Map<String, Set<Question>> byCaller = new ConcurrentHashMap<>();
    private final Predicate<String> onBus;

    /** @param onBus returns whether a unique bus name is still connected */
    OpenQuestions(Predicate<String> onBus) {
        this.onBus = onBus;
    }

    /** Takes a slot for a question, or returns {@code false} when {@link #MAX_OPEN} questions are open. */
    boolean tryTakeSlot() {
        return slots.tryAcquire();
    }

    /** Frees a slot taken with {@link #tryTakeSlot}. */
    void releaseSlot() {
        slots.release();
    }

    /** Registers the prompter's pending reply to a question of {@code busName}, so it can be withdrawn. */
    Question register(String busName, CompletableFuture<?> reply) {
        Question question = new Question(busName, reply, new AtomicBoolean());
        byCaller.computeIfAbsent(busName, name -> ConcurrentHashMap.newKeySet()).add(question);
        // The caller may have left before the question was registered, when its NameOwnerChanged found nothing.
        if (!busName.isEmpty() && !onBus.test(busName)) {
            LOG.info("Withdrew an access question of {}, which left the bus", busName);
            question.withdraw();
        }
        return question;
    }

    /** Forgets a question that was answered, timed out or withdrawn. */
    void unregister(Question question) {
        byCaller.computeIfPresent(question.busName(), (name, questions) -> {
            questions.remove(question);
            return questions.isEmpty() ? null : questions;
        });
    }

    /** Withdraws every open question of a program that left the bus and returns how many there were. */
    int withdrawAllOf(String busName) {
        Set<Question> questions = byCaller.remove(busName);
        if (questions == null) {
            return 0;
        }
        questions.forEach(Question::withdraw);
        LOG.info("Withdrew {} access question(s) of {}, which left the bus", questions.size(), busName);
        return questions.size();
    }

    /** One open question: the caller's bus name and the prompter's pending reply. */
    record Question(String busName, CompletableFuture<?> reply, AtomicBoolean withdrawn) {

        /** Cancels the pending reply, which makes the prompter take the question back. */
        void withdraw() {
            withdrawn.set(true);
            reply.cancel(true);
        }

        boolean isWithdrawn() {
            return withdrawn.get();
        }
    }
}
