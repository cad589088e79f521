package io.keyport.itests;

import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waits for conditions that other processes or threads make true. */
public final class Poll {

    /** How long a test waits for a daemon to start, own a name or stop before it fails. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static final long INTERVAL_MILLIS = 100;

    private Poll() {}

    /**
     * Returns the first value that {@code probe} finds within {@link #TIMEOUT}.
     *
     * @param description what the test waits for, completing "Timed out waiting for ..."
     * @param state the state at the time out, for the failure message
     */
    public static <T> T until(String description, Supplier<Optional<T>> probe, Supplier<String> state) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                fail("Timed out after " + TIMEOUT.toSeconds() + " s waiting for " + description + ".\n" + state.get());
            }
            sleep();
        }
    }

    /** Waits until {@code condition} holds, for at most {@link #TIMEOUT}. */
    public static void until(String description, BooleanSupplier condition, Supplier<String> state) {
        until(description, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty(), state);
    }

    private static void sleep() {
        try {
            Thread.sleep(INTERVAL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting", e);
        }
    }
}
