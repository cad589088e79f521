package io.keyport.secretservice.internal;

import io.keyport.api.crypto.TransferAlgorithms;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.freedesktop.dbus.DBusCallInfo;
import org.freedesktop.dbus.connections.base.AbstractConnectionBase;

/** The state that the bus objects share: the engines' collections, sessions, prompts, callers and signals. */
final class ServiceContext {

    final TransferAlgorithms transfer;
    final Sessions sessions;
    final Prompts prompts;
    final Callers callers;
    final Signals signals;
    final PrompterChoice prompters;
    final SecretLimits limits;

    private volatile AccessPolicy access;

    /** Unlock questions in progress, by collection id, so that concurrent callers share one question. */
    final Map<String, CompletableFuture<Boolean>> unlocks = new ConcurrentHashMap<>();

    private CollectionDirectory directory;

    ServiceContext(
            TransferAlgorithms transfer,
            Sessions sessions,
            Prompts prompts,
            Callers callers,
            Signals signals,
            PrompterChoice prompters,
            SecretLimits limits) {
        this.transfer = transfer;
        this.sessions = sessions;
        this.prompts = prompts;
        this.callers = callers;
        this.signals = signals;
        this.prompters = prompters;
        this.limits = limits;
    }

    void setDirectory(CollectionDirectory directory) {
        this.directory = directory;
    }

    CollectionDirectory directory() {
        return directory;
    }

    void setAccess(AccessPolicy access) {
        this.access = access;
    }

    AccessPolicy access() {
        return access;
    }

    /** Returns the identity of the program whose method call this thread is serving. */
    Client client() {
        return callers.client(caller());
    }

    /** Returns the unique bus name of the connection whose method call this thread is serving. */
    static String caller() {
        DBusCallInfo info = AbstractConnectionBase.getCallInfo();
        return info == null ? "" : info.getSource();
    }

    /** Returns the object path of the method call this thread is serving. */
    static String calledPath() {
        DBusCallInfo info = AbstractConnectionBase.getCallInfo();
        return info == null ? "" : info.getObjectPath();
    }
}
