package io.keyport.launcher;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.feature.FeatureConfiguration;

/**
 * Hands a feature's configurations to ConfigAdmin.
 *
 * <p>ConfigAdmin's API classes live in a bundle, not on the launcher's class path, so the calls go
 * through reflection on the interfaces that bundle exports.
 */
final class FeatureConfigurations {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");
    private static final String ADMIN = "org.osgi.service.cm.ConfigurationAdmin";
    private static final String CONFIGURATION = "org.osgi.service.cm.Configuration";

    private FeatureConfigurations() {}

    /**
     * Creates or updates every configuration of the feature, with {@code ${name}} replaced from
     * {@code variables}, except those that a file in {@code configDirectory} sets. FileInstall applies such a file
     * as the whole configuration of its PID, and it does not apply a file again until the file changes, so a
     * feature configuration written after it would silently replace the administrator's settings.
     */
    static void apply(
            BundleContext context,
            Map<String, FeatureConfiguration> configurations,
            Map<String, String> variables,
            Path configDirectory)
            throws ReflectiveOperationException {
        if (configurations.isEmpty()) {
            return;
        }
        ServiceReference<?> reference = context.getServiceReference(ADMIN);
        if (reference == null) {
            throw new IllegalStateException(
                    "ConfigAdmin is not running, so the feature's configurations cannot be set");
        }
        Object admin = context.getService(reference);
        try {
            Class<?> adminType = reference.getBundle().loadClass(ADMIN);
            Class<?> configurationType = reference.getBundle().loadClass(CONFIGURATION);
            Method getConfiguration = adminType.getMethod("getConfiguration", String.class, String.class);
            Method getFactoryConfiguration =
                    adminType.getMethod("getFactoryConfiguration", String.class, String.class, String.class);
            Method update = configurationType.getMethod("update", Dictionary.class);
            for (FeatureConfiguration configuration : configurations.values()) {
                if (hasFile(configDirectory, configuration)) {
                    continue;
                }
                Object target = configuration.getFactoryPid().isPresent()
                        ? getFactoryConfiguration.invoke(
                                admin,
                                configuration.getFactoryPid().get(),
                                configuration
                                        .getPid()
                                        .substring(configuration.getPid().indexOf('~') + 1),
                                "?")
                        : getConfiguration.invoke(admin, configuration.getPid(), "?");
                update.invoke(target, properties(configuration.getValues(), variables));
            }
        } finally {
            context.ungetService(reference);
        }
    }

    /**
     * Returns whether {@code directory} contains the file for the configuration: {@code PID.cfg} or {@code PID.config},
     * and for a factory configuration {@code FACTORY_PID-NAME.cfg} or {@code .config}, as FileInstall names them.
     */
    static boolean hasFile(Path directory, FeatureConfiguration configuration) {
        String name = configuration.getFactoryPid().isPresent()
                ? configuration.getFactoryPid().get() + "-"
                        + configuration
                                .getPid()
                                .substring(configuration.getPid().indexOf('~') + 1)
                : configuration.getPid();
        return Files.isRegularFile(directory.resolve(name + ".cfg"))
                || Files.isRegularFile(directory.resolve(name + ".config"));
    }

    private static Dictionary<String, Object> properties(Map<String, Object> values, Map<String, String> variables) {
        Hashtable<String, Object> properties = new Hashtable<>();
        values.forEach((key, value) ->
                properties.put(key, value instanceof String text ? substitute(text, variables) : value));
        return properties;
    }

    static String substitute(String text, Map<String, String> variables) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            matcher.appendReplacement(result, Matcher.quoteReplacement(value != null ? value : matcher.group()));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
