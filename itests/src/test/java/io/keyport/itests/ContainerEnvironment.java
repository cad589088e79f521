package io.keyport.itests;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.felix.cm.file.ConfigurationHandler;
import org.osgi.service.feature.Feature;
import org.osgi.service.feature.FeatureConfiguration;

/**
 * The directories and framework properties of a Keyport in a Pax Exam container, set up as the
 * launcher sets them up for {@code keyport run}.
 *
 * <p>The launcher hands a feature's configurations to ConfigAdmin itself, before Keyport's bundles
 * start. Here they go into the watched configuration directory as typed {@code .config} files, which
 * the feature's FileInstall bundle applies when it starts at level 1. A component that activates
 * before FileInstall has applied them is reconfigured then.
 */
record ContainerEnvironment(Map<String, String> frameworkProperties) {

    /** Framework property that lists the PIDs of the feature's configurations, comma-separated. */
    static final String CONFIGURATIONS_PROPERTY = "keyport.itests.configurations";

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    /** Creates fresh runtime, data and configuration directories for one container. */
    static ContainerEnvironment create(DistributionTree tree, String featureName, String busAddress) {
        Path runtime = TemporaryDirectories.create("runtime-");
        Path data = TemporaryDirectories.create("data-");
        Path config = TemporaryDirectories.create("config-");

        Map<String, String> properties = new HashMap<>();
        properties.put("keyport.home", tree.root().toString());
        properties.put("keyport.runtime.dir", runtime.toString());
        properties.put("keyport.data.dir", data.toString());
        properties.put("keyport.config.dir", config.toString());
        properties.put("keyport.feature", featureName);
        properties.put("keyport.bus.address", busAddress);
        properties.put("keyport.bus.replace", "false");
        properties.put("felix.fileinstall.dir", config.toString());
        properties.put("felix.fileinstall.filter", ".*\\.(cfg|config)");
        properties.put("felix.fileinstall.poll", "1000");
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.enableConfigSave", "false");
        properties.put("felix.fileinstall.log.level", "2");

        Feature feature = tree.readFeature(featureName);
        Map<String, String> variables = new HashMap<>(properties);
        feature.getVariables().forEach((name, value) -> variables.put(name, String.valueOf(value)));
        for (FeatureConfiguration configuration : feature.getConfigurations().values()) {
            writeConfiguration(config, configuration, variables);
        }
        properties.put(
                CONFIGURATIONS_PROPERTY,
                String.join(",", feature.getConfigurations().keySet()));
        return new ContainerEnvironment(Map.copyOf(properties));
    }

    /**
     * Writes {@code configuration} as {@code PID.config}, or {@code FACTORY-NAME.config} for a factory
     * configuration, because FileInstall 3.7.4 takes the part after the first '-' of a file name as
     * the name of a factory configuration.
     */
    private static void writeConfiguration(
            Path directory, FeatureConfiguration configuration, Map<String, String> variables) {
        Hashtable<String, Object> properties = new Hashtable<>();
        configuration.getValues().forEach((key, value) -> properties.put(key, substituteIn(value, variables)));
        String pid = configuration.getPid();
        String fileName = configuration
                .getFactoryPid()
                .map(factoryPid -> factoryPid + "-" + pid.substring(pid.indexOf('~') + 1))
                .orElse(pid);
        Path file = directory.resolve(fileName + ".config");
        try (OutputStream out = Files.newOutputStream(file)) {
            ConfigurationHandler.write(out, properties);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    private static Object substituteIn(Object value, Map<String, String> variables) {
        if (value instanceof String text) {
            return substitute(text, variables);
        }
        if (value instanceof String[] texts) {
            return Arrays.stream(texts).map(text -> substitute(text, variables)).toArray(String[]::new);
        }
        return value;
    }

    private static String substitute(String text, Map<String, String> variables) {
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
