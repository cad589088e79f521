package io.keyport.secretservice.internal;

import io.keyport.secretservice.internal.dbus.PromptInterface;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.freedesktop.Secret.Error.NoSuchObject;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pending prompts. A prompt belongs to the connection that received it; it starts when that connection
 * calls Prompt, ends with exactly one Completed signal, and is gone afterwards.
 */
final class Prompts {

    private static final Logger LOG = LoggerFactory.getLogger(Prompts.class);

    private final Signals signals;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();

    Prompts(Signals signals) {
        this.signals = signals;
    }

    /** Registers an action for {@code owner} and returns the prompt's path. */
    String create(String owner, PromptAction action) {
        String path = ObjectPaths.PROMPTS + "/p" + counter.incrementAndGet();
        pending.put(path, new Pending(owner, action, new AtomicBoolean()));
        return path;
    }

    /** Starts the prompt; a second Prompt call on a started prompt does nothing. */
    void prompt(String path, String caller, String windowId) {
        Pending entry = require(path, caller);
        if (!entry.started().compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Variant<?>> result;
        try {
            result = entry.action().start(windowId == null ? "" : windowId);
        } catch (RuntimeException e) {
            LOG.error("Prompt {} failed to start", path, e);
            result = CompletableFuture.completedFuture(null);
        }
        result.whenComplete((value, error) -> {
            if (error instanceof java.util.concurrent.CancellationException
                    || (error != null && error.getCause() instanceof java.util.concurrent.CancellationException)) {
                LOG.debug("Prompt {} was withdrawn", path);
            } else if (error != null) {
                LOG.error("Prompt {} failed", path, error);
            }
            complete(path, value);
        });
    }

    /** Dismisses the prompt; Completed follows with dismissed set. */
    void dismiss(String path, String caller) {
        Pending entry = require(path, caller);
        entry.action().cancel();
        complete(path, null);
    }

    /** Dismisses every prompt of a connection that left the bus. */
    void dismissAllOf(String owner) {
        List<String> paths = pending.entrySet().stream()
                .filter(e -> e.getValue().owner().equals(owner))
                .map(Map.Entry::getKey)
                .toList();
        for (String path : paths) {
            Pending entry = pending.remove(path);
            if (entry != null) {
                entry.action().cancel();
            }
        }
    }

    void dismissAll() {
        pending.values().forEach(entry -> entry.action().cancel());
        pending.clear();
    }

    private Pending require(String path, String caller) {
        Pending entry = pending.get(path);
        if (entry == null || !entry.owner().equals(caller)) {
            throw new NoSuchObject("No prompt " + path + " is pending for this connection");
        }
        return entry;
    }

    /** Sends Completed once: with the result, or dismissed when {@code result} is null. */
    private void complete(String path, Variant<?> result) {
        Pending entry = pending.remove(path);
        if (entry == null) {
            return;
        }
        boolean dismissed = result == null;
        Variant<?> value = dismissed ? entry.action().dismissedResult() : result;
        LOG.debug("Prompt {} completed{}", path, dismissed ? " as dismissed" : "");
        signals.send(() -> new PromptInterface.Completed(path, dismissed, value));
    }

    private record Pending(String owner, PromptAction action, AtomicBoolean started) {}
}
