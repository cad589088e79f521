package io.keyport.launcher;

/** Exit statuses of the {@code keyport} command, as listed in its help text. */
final class ExitStatus {

    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;
    /** The bus cannot be reached, or no bus daemon could be started. */
    static final int BUS_UNAVAILABLE = 3;
    /** Another process owns org.freedesktop.secrets and Keyport may not take it over. */
    static final int NAME_TAKEN = 4;
    /** {@code keyport status}, {@code prompt} and {@code unlock}: no Keyport runs for this user. */
    static final int NOT_RUNNING = 5;
    /** The distribution or its configuration is invalid: a missing feature file, bundle or directory. */
    static final int BAD_CONFIGURATION = 6;
    /** {@code keyport unlock}: the passphrase does not unlock the collection. */
    static final int WRONG_PASSPHRASE = 7;
    /** {@code keyport unlock}: no storage engine serves a collection with that id. */
    static final int NO_SUCH_COLLECTION = 8;

    /** System property in which a bundle leaves the status the daemon should exit with. */
    static final String PROPERTY = "keyport.exit.status";

    private ExitStatus() {}
}
