package io.keyport.secretservice.internal;

import io.keyport.api.crypto.TransferSession;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.freedesktop.Secret.Error.NoSession;
import org.freedesktop.dbus.DBusPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open transfer sessions. A session belongs to the unique bus name that opened it: only that caller can
 * use or close it, and it closes when that name leaves the bus.
 */
final class Sessions {

    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();

    /** Registers a negotiated session for {@code owner} and returns its path. */
    String add(String owner, TransferSession session) {
        String path = ObjectPaths.SESSIONS + "/s" + counter.incrementAndGet();
        sessions.put(path, new Entry(owner, session));
        LOG.debug("Opened {} session {} for {}", session.algorithm(), path, owner);
        return path;
    }

    /**
     * Returns the session at {@code path} if {@code caller} owns it.
     *
     * @throws NoSession if the session is unknown, closed or owned by another connection
     */
    TransferSession require(DBusPath path, String caller) {
        Entry entry = path == null ? null : sessions.get(path.getPath());
        if (entry == null || !entry.owner().equals(caller)) {
            throw new NoSession("No session " + (path == null ? "/" : path.getPath()) + " is open for this connection");
        }
        return entry.session();
    }

    /** Closes a session of {@code caller}. */
    void close(String path, String caller) {
        Entry entry = sessions.get(path);
        if (entry == null || !entry.owner().equals(caller)) {
            throw new NoSession("No session " + path + " is open for this connection");
        }
        if (sessions.remove(path, entry)) {
            entry.session().close();
            LOG.debug("Closed session {}", path);
        }
    }

    /** Closes every session of a bus name that left the bus. */
    void closeAllOf(String owner) {
        List<String> paths = sessions.entrySet().stream()
                .filter(e -> e.getValue().owner().equals(owner))
                .map(Map.Entry::getKey)
                .toList();
        for (String path : paths) {
            Entry entry = sessions.remove(path);
            if (entry != null) {
                entry.session().close();
            }
        }
        if (!paths.isEmpty()) {
            LOG.debug("Closed {} sessions of {}, which left the bus", paths.size(), owner);
        }
    }

    boolean exists(String path) {
        return sessions.containsKey(path);
    }

    int size() {
        return sessions.size();
    }

    void closeAll() {
        sessions.values().forEach(entry -> entry.session().close());
        sessions.clear();
    }

    private record Entry(String owner, TransferSession session) {}
}
