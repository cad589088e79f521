package io.keyport.secretservice.internal;

import io.keyport.secretservice.internal.dbus.SessionInterface;

/** {@code org.freedesktop.Secret.Session} for every session: the fallback for paths under {@code /session}. */
final class SessionObject implements SessionInterface {

    private final Sessions sessions;

    SessionObject(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public String getObjectPath() {
        return ObjectPaths.SESSIONS;
    }

    @Override
    public void Close() {
        String path = ServiceContext.calledPath();
        Errors.run("Close", path, () -> sessions.close(path, ServiceContext.caller()));
    }
}
