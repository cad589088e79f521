package io.keyport.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** The core feature in Felix: bundles, components, the bus name and the connection service. */
public class CoreFeatureIT extends KeyportTestSupport {

    @Inject
    private ServiceComponentRuntime componentRuntime;

    @Inject
    private DBusConnection keyportConnection;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Test
    public void bundlesAreActive() {
        List<String> wrongState = new ArrayList<>();
        for (Bundle bundle : bundleContext.getBundles()) {
            boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != expected) {
                wrongState.add(bundle.getSymbolicName() + " " + bundle.getVersion() + " is " + stateName(bundle)
                        + ", expected " + (fragment ? "resolved" : "active"));
            }
        }
        assertEquals("Bundles in the wrong state", List.of(), wrongState);
    }

    @Test
    public void noBundleIsInstalledTwice() {
        Map<String, Long> counts = Arrays.stream(bundleContext.getBundles())
                .collect(Collectors.groupingBy(
                        bundle -> String.valueOf(bundle.getSymbolicName()), Collectors.counting()));
        counts.values().removeIf(count -> count == 1);

        assertEquals("Symbolic names installed more than once", Map.of(), counts);
    }

    @Test
    public void componentsAreActive() {
        Poll.until(
                "every component to be satisfied or active",
                () -> inactiveComponents().isEmpty(),
                () -> "Components that are not: " + inactiveComponents());
    }

    @Test
    public void featureConfigurationsAreApplied() {
        for (String pid : bundleContext
                .getProperty(ContainerEnvironment.CONFIGURATIONS_PROPERTY)
                .split(",")) {
            Poll.until(
                    "configuration " + pid + " to exist",
                    () -> configurationExists(pid),
                    () -> "Configurations: " + listConfigurations());
        }
    }

    @Test
    public void busComponentIsPresent() {
        assertTrue(
                componentNames().toString(),
                componentNames().contains("io.keyport.bus.internal.BusConnectionComponent"));
    }

    @Test
    public void controlComponentIsPresent() {
        assertTrue(
                componentNames().toString(),
                componentNames().contains("io.keyport.control.internal.ControlSocketServer"));
    }

    @Test
    public void keyportOwnsSecretsName() throws Exception {
        assertEquals(keyportConnection.getUniqueName(), awaitOwner(SECRETS_NAME));
    }

    @Test
    public void dbusSendSeesSecretsNameOwner() throws Exception {
        awaitOwner(SECRETS_NAME);

        CommandResult result = runOnBus(
                Executables.require(Executables.DBUS_SEND).toString(),
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.GetNameOwner",
                "string:" + SECRETS_NAME);

        assertEquals(result.describe(), 0, result.exitStatus());
        assertTrue(result.describe(), result.stdout().contains("\"" + keyportConnection.getUniqueName() + "\""));
    }

    @Test
    public void connectionServiceCarriesBusAddress() {
        assertEquals(busAddress(), connectionService().getProperty(BUS_ADDRESS_PROPERTY));
    }

    @Test
    public void connectionServiceCarriesName() {
        assertEquals(SECRETS_NAME, connectionService().getProperty("keyport.bus.name"));
    }

    @Test
    public void connectionServiceIsNotPrivateBus() {
        assertEquals(Boolean.FALSE, connectionService().getProperty("keyport.bus.private"));
    }

    @Test
    public void controlSocketIsInRuntimeDirectory() {
        Path socket = Path.of(runtimeDirectory(), "control");

        Poll.until(socket + " to exist", () -> Files.exists(socket), () -> "It does not.");
    }

    private boolean configurationExists(String pid) {
        try {
            return configurationAdmin.listConfigurations("(" + Constants.SERVICE_PID + "=" + pid + ")") != null;
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("Could not list configurations", e);
        }
    }

    private List<String> listConfigurations() {
        try {
            Configuration[] configurations = configurationAdmin.listConfigurations(null);
            return configurations == null
                    ? List.of()
                    : Arrays.stream(configurations).map(Configuration::getPid).toList();
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("Could not list configurations", e);
        }
    }

    private ServiceReference<DBusConnection> connectionService() {
        return bundleContext.getServiceReference(DBusConnection.class);
    }

    private List<String> componentNames() {
        return componentRuntime.getComponentDescriptionDTOs().stream()
                .map(description -> description.name)
                .toList();
    }

    private List<String> inactiveComponents() {
        List<String> inactive = new ArrayList<>();
        for (ComponentDescriptionDTO description : componentRuntime.getComponentDescriptionDTOs()) {
            Collection<ComponentConfigurationDTO> configurations =
                    componentRuntime.getComponentConfigurationDTOs(description);
            if (!componentRuntime.isComponentEnabled(description)) {
                inactive.add(description.name + " (disabled)");
            } else if (configurations.isEmpty()) {
                inactive.add(description.name + " (no configuration)");
            }
            for (ComponentConfigurationDTO configuration : configurations) {
                if (configuration.state != ComponentConfigurationDTO.ACTIVE
                        && configuration.state != ComponentConfigurationDTO.SATISFIED) {
                    inactive.add(description.name + " (state " + configuration.state + ", failure: "
                            + configuration.failure + ")");
                }
            }
        }
        return inactive;
    }

    private static String stateName(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.UNINSTALLED -> "uninstalled";
            case Bundle.INSTALLED -> "installed";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            case Bundle.ACTIVE -> "active";
            default -> "in state " + bundle.getState();
        };
    }
}
