package io.keyport.control.internal;

import io.keyport.api.prompt.Prompter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Renders the text of {@code keyport status}: the bus, the bundles, the services, the prompters and the
 * components.
 */
final class StatusReport {

    private final BundleContext context;
    private final ServiceComponentRuntime runtime;

    StatusReport(BundleContext context, ServiceComponentRuntime runtime) {
        this.context = context;
        this.runtime = runtime;
    }

    String render() {
        StringBuilder out = new StringBuilder();
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        out.append("Keyport ")
                .append(context.getBundle().getVersion())
                .append(", pid ")
                .append(ProcessHandle.current().pid())
                .append(", feature ")
                .append(context.getProperty("keyport.feature"))
                .append(", up ")
                .append(Duration.ofMillis(uptime).toSeconds())
                .append(" s\n");
        appendBus(out);
        appendBundles(out);
        appendServices(out);
        appendPrompters(out);
        new CollectionsSection(context).append(out);
        appendComponents(out);
        return out.toString();
    }

    private void appendBus(StringBuilder out) {
        ServiceReference<DBusConnection> reference = context.getServiceReference(DBusConnection.class);
        if (reference == null) {
            out.append("Bus: not connected\n");
            return;
        }
        String name = String.valueOf(reference.getProperty("keyport.bus.name"));
        out.append("Bus: ")
                .append(reference.getProperty("keyport.bus.address"))
                .append(
                        Boolean.TRUE.equals(reference.getProperty("keyport.bus.private"))
                                ? " (private bus started by Keyport)\n"
                                : "\n");
        DBusConnection connection = context.getService(reference);
        try {
            DBus bus = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            String owner = bus.GetNameOwner(name);
            boolean self = owner.equals(connection.getUniqueName());
            out.append("Name: ")
                    .append(name)
                    .append(" owned by ")
                    .append(owner)
                    .append(self ? " (this Keyport)\n" : " (another process)\n");
        } catch (DBusException | DBusExecutionException e) {
            out.append("Name: ").append(name).append(" has no owner\n");
        } finally {
            context.ungetService(reference);
        }
    }

    private void appendBundles(StringBuilder out) {
        Bundle[] bundles = context.getBundles();
        List<String> lines = new ArrayList<>();
        int active = 0;
        for (Bundle bundle : bundles) {
            String state = stateName(bundle);
            if (bundle.getState() == Bundle.ACTIVE) {
                active++;
            }
            lines.add(String.format("  %-8s %s %s%n", state, bundle.getSymbolicName(), bundle.getVersion()));
        }
        out.append("Bundles: ")
                .append(active)
                .append(" of ")
                .append(bundles.length)
                .append(" active\n");
        lines.forEach(out::append);
    }

    private void appendServices(StringBuilder out) {
        out.append("Keyport services:\n");
        try {
            ServiceReference<?>[] references = context.getAllServiceReferences(null, null);
            for (ServiceReference<?> reference : references == null ? new ServiceReference<?>[0] : references) {
                Bundle owner = reference.getBundle();
                if (owner != null && owner.getSymbolicName().startsWith("io.keyport")) {
                    String[] types = (String[]) reference.getProperty(Constants.OBJECTCLASS);
                    out.append("  ")
                            .append(String.join(", ", types))
                            .append(" from ")
                            .append(owner.getSymbolicName())
                            .append('\n');
                }
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Lists the prompters, best first, each with its ranking and whether it can reach the user, because the
     * exporter dismisses Unlock and CreateCollection prompts at once while none can.
     */
    private void appendPrompters(StringBuilder out) {
        List<ServiceReference<Prompter>> references = new ArrayList<>(prompterReferences());
        // ServiceReference orders by ranking, then by registration, so the reverse order puts the best first.
        references.sort(Collections.reverseOrder());
        if (references.isEmpty()) {
            out.append("Prompters: none installed, so Unlock and CreateCollection prompts are dismissed at once\n");
            return;
        }
        out.append("Prompters:\n");
        boolean anyAvailable = false;
        for (ServiceReference<Prompter> reference : references) {
            Prompter prompter = context.getService(reference);
            if (prompter == null) {
                continue;
            }
            try {
                boolean available = prompter.isAvailable();
                anyAvailable |= available;
                out.append("  ")
                        .append(prompterName(reference))
                        .append(" (ranking ")
                        .append(ranking(reference))
                        .append("): ")
                        .append(available ? "available" : "unavailable: " + prompter.unavailableReason())
                        .append('\n');
            } finally {
                context.ungetService(reference);
            }
        }
        if (!anyAvailable) {
            out.append("  No prompter can reach the user now, so Unlock and CreateCollection prompts are dismissed"
                    + " at once.\n");
        }
    }

    private Collection<ServiceReference<Prompter>> prompterReferences() {
        try {
            return context.getServiceReferences(Prompter.class, null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String prompterName(ServiceReference<?> reference) {
        Object component = reference.getProperty("component.name");
        return component != null ? component.toString() : reference.getBundle().getSymbolicName();
    }

    private static int ranking(ServiceReference<?> reference) {
        return reference.getProperty(Constants.SERVICE_RANKING) instanceof Integer ranking ? ranking : 0;
    }

    private void appendComponents(StringBuilder out) {
        out.append("Components:\n");
        for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs()) {
            var configurations = runtime.getComponentConfigurationDTOs(description);
            String state = configurations.isEmpty()
                    ? (runtime.isComponentEnabled(description) ? "waiting for configuration" : "disabled")
                    : componentState(configurations.iterator().next().state);
            out.append(String.format("  %-26s %s%n", state, description.name));
            for (ComponentConfigurationDTO configuration : configurations) {
                if (configuration.failure != null) {
                    out.append("      failure: ")
                            .append(firstLine(configuration.failure))
                            .append('\n');
                }
            }
        }
    }

    /** Returns the first line of SCR's failure text, which contains the exception and its message. */
    private static String firstLine(String failure) {
        int end = failure.indexOf('\n');
        return (end < 0 ? failure : failure.substring(0, end)).trim();
    }

    private static String componentState(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.ACTIVE -> "active";
            case ComponentConfigurationDTO.SATISFIED -> "satisfied";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "unsatisfied reference";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "unsatisfied configuration";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "failed activation";
            default -> "state " + state;
        };
    }

    private static String stateName(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.ACTIVE -> "active";
            case Bundle.RESOLVED -> bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null ? "fragment" : "resolved";
            case Bundle.INSTALLED -> "installed";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            default -> "unknown";
        };
    }
}
