package io.keyport.bus.internal;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the whole daemon with an exit status for the launcher.
 *
 * <p>The launcher waits for the framework to stop and then exits with the status found in the system
 * property {@value #STATUS_PROPERTY}. The statuses are the launcher's documented exit codes.
 */
final class DaemonExit {

    static final String STATUS_PROPERTY = "keyport.exit.status";

    /** The bus cannot be reached, or no bus daemon could be started. */
    static final int BUS_UNAVAILABLE = 3;

    /** Another process owns the well-known name and Keyport was not allowed to take it over. */
    static final int NAME_TAKEN = 4;

    private static final Logger LOG = LoggerFactory.getLogger(DaemonExit.class);

    private DaemonExit() {}

    static void request(BundleContext context, int status) {
        System.setProperty(STATUS_PROPERTY, Integer.toString(status));
        try {
            context.getBundle(0).stop();
        } catch (BundleException | IllegalStateException e) {
            LOG.error("Could not stop the framework after a fatal error (exit status {})", status, e);
        }
    }
}
