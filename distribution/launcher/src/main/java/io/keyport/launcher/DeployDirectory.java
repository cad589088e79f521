package io.keyport.launcher;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Watches the deploy directory for bundle jars with a second FileInstall watcher, next to the one that the
 * framework properties point at the configuration directory. FileInstall 3.7 watches one directory per watcher
 * and is itself a ManagedServiceFactory with the factory pid {@value #FACTORY_PID}, so the launcher adds the
 * watcher as the factory configuration {@value #FACTORY_PID}~{@value #NAME}.
 *
 * <p>A jar added there is installed and started, a replaced one is updated, and a removed one is uninstalled.
 */
final class DeployDirectory {

    static final String FACTORY_PID = "org.apache.felix.fileinstall";
    static final String NAME = "deploy";

    private static final String ADMIN = "org.osgi.service.cm.ConfigurationAdmin";
    private static final String CONFIGURATION = "org.osgi.service.cm.Configuration";

    private DeployDirectory() {}

    /**
     * Returns the watcher's properties. Deployed bundles get {@code startLevel}, Keyport's final start level, so
     * that they start after Keyport's own bundles, and the watcher installs nothing before the framework gets
     * there.
     */
    static Dictionary<String, Object> watcherProperties(Path directory, int startLevel) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("felix.fileinstall.dir", directory.toString());
        properties.put("felix.fileinstall.filter", ".*\\.jar");
        properties.put("felix.fileinstall.poll", "1000");
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.bundles.new.start", "true");
        properties.put("felix.fileinstall.start.level", Integer.toString(startLevel));
        properties.put("felix.fileinstall.active.level", Integer.toString(startLevel));
        properties.put("felix.fileinstall.log.level", "2");
        return properties;
    }

    /** Waits up to 10 seconds for ConfigAdmin, then creates or updates the watcher's configuration. */
    static void watch(BundleContext context, Path directory, int startLevel)
            throws InterruptedException, ReflectiveOperationException {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, ADMIN, null);
        tracker.open();
        try {
            if (tracker.waitForService(10_000) == null) {
                throw new IllegalStateException("ConfigAdmin did not start within 10 seconds, so the deploy directory "
                        + directory + " is not watched; check that the feature lists org.apache.felix.configadmin");
            }
            ServiceReference<Object> reference = tracker.getServiceReference();
            Object admin = tracker.getService();
            Class<?> adminType = reference.getBundle().loadClass(ADMIN);
            Class<?> configurationType = reference.getBundle().loadClass(CONFIGURATION);
            Method getFactoryConfiguration =
                    adminType.getMethod("getFactoryConfiguration", String.class, String.class, String.class);
            Object configuration = getFactoryConfiguration.invoke(admin, FACTORY_PID, NAME, "?");
            configurationType
                    .getMethod("update", Dictionary.class)
                    .invoke(configuration, watcherProperties(directory, startLevel));
        } finally {
            tracker.close();
        }
    }
}
