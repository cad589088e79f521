package io.keyport.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.util.tracker.ServiceTracker;
import sun.misc.Signal;

/** Runs Keyport in the foreground: Felix with one feature, until SIGTERM, SIGINT or a fatal error. */
final class Daemon {

    private final LaunchOptions options;
    private final KeyportPaths paths;

    Daemon(LaunchOptions options, KeyportPaths paths) {
        this.options = options;
        this.paths = paths;
    }

    int run() throws Exception {
        Path featureFile = paths.home().resolve("features").resolve(options.feature() + ".json");
        FeatureFile feature = FeatureFile.read(featureFile, paths.home().resolve("bundles"));
        List<FeatureFile.BundleEntry> bundles = feature.bundles();
        if (!Files.isDirectory(options.configDirectory())) {
            throw new FeatureFile.InvalidDistributionException("Configuration directory " + options.configDirectory()
                    + " not found. Create it or pass an existing one with --config DIR.");
        }

        LoginPassphrase loginPassphrase = null;
        if (options.unlockStdin()) {
            loginPassphrase = LoginPassphrase.readFromStdin();
            if (loginPassphrase.isEmpty()) {
                throw new LaunchOptions.UsageException("--unlock-stdin read an empty passphrase. Pipe it in, for"
                        + " example: printf '%s' \"$PASSPHRASE\" | keyport run --unlock-stdin");
            }
        }

        KeyportPaths.createPrivateDirectory(paths.runtime());
        Path cache = frameworkCache();
        Map<String, String> variables = variables(feature);
        configureLogging();

        Framework framework = ServiceLoader.load(FrameworkFactory.class)
                .findFirst()
                .orElseThrow()
                .newFramework(frameworkProperties(cache, bundles));
        framework.init();
        int maxLevel = install(framework.getBundleContext(), bundles);
        handleSignals(framework);
        framework.start();
        if (loginPassphrase != null) {
            loginPassphrase.register(framework.getBundleContext());
        }

        applyConfigurations(framework.getBundleContext(), feature, variables, options.configDirectory());
        if (Files.isDirectory(options.deployDirectory())) {
            DeployDirectory.watch(framework.getBundleContext(), options.deployDirectory(), maxLevel);
        } else {
            System.err.println("keyport: deploy directory " + options.deployDirectory() + " not found, so no bundle"
                    + " jars are installed from it. Create it, or pass an existing one with --deploy DIR, and"
                    + " restart Keyport.");
        }
        raiseStartLevel(framework, maxLevel);

        FrameworkEvent event;
        do {
            event = framework.waitForStop(0);
        } while (event.getType() == FrameworkEvent.STOPPED_UPDATE);
        deleteRecursively(cache);
        return Integer.getInteger(ExitStatus.PROPERTY, ExitStatus.OK);
    }

    private Map<String, String> frameworkProperties(Path cache, List<FeatureFile.BundleEntry> bundles) {
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, cache.toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, "1");
        // jffi and jnr reach for sun.misc.Unsafe; it comes from the JDK, not from a bundle.
        properties.put(Constants.FRAMEWORK_BOOTDELEGATION, "sun.misc,sun.nio.ch");
        properties.put("keyport.home", paths.home().toString());
        properties.put("keyport.runtime.dir", paths.runtime().toString());
        properties.put("keyport.data.dir", paths.data().toString());
        properties.put("keyport.config.dir", options.configDirectory().toString());
        properties.put("keyport.deploy.dir", options.deployDirectory().toString());
        properties.put("keyport.feature", options.feature());
        properties.put("keyport.bus.replace", Boolean.toString(options.replace()));
        properties.put("keyport.claim.after.start", "true");
        int finalLevel = bundles.stream()
                .mapToInt(FeatureFile.BundleEntry::startLevel)
                .max()
                .orElse(1);
        properties.put("keyport.startlevel.final", Integer.toString(finalLevel));
        properties.put("felix.fileinstall.dir", options.configDirectory().toString());
        properties.put("felix.fileinstall.filter", ".*\\.(cfg|config)");
        properties.put("felix.fileinstall.poll", "1000");
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.enableConfigSave", "false");
        properties.put("felix.fileinstall.log.level", "2");
        return properties;
    }

    private Map<String, String> variables(FeatureFile feature) {
        Map<String, String> variables = new HashMap<>();
        feature.variables().forEach((name, value) -> variables.put(name, String.valueOf(value)));
        variables.put("keyport.home", paths.home().toString());
        variables.put("keyport.runtime.dir", paths.runtime().toString());
        variables.put("keyport.data.dir", paths.data().toString());
        variables.put("keyport.config.dir", options.configDirectory().toString());
        return variables;
    }

    private void configureLogging() {
        if (System.getProperty("logback.configurationFile") == null) {
            Path configured = options.configDirectory().resolve("logback.xml");
            Path shipped = paths.home().resolve("etc").resolve("logback.xml");
            System.setProperty(
                    "logback.configurationFile", (Files.isRegularFile(configured) ? configured : shipped).toString());
        }
    }

    /**
     * Gives every process its own framework cache, because two Keyports can start at once (one of them
     * then stops with the name taken), and removes caches that killed processes left behind.
     */
    private Path frameworkCache() throws IOException {
        Path caches = Files.createDirectories(paths.runtime().resolve("cache"));
        try (Stream<Path> entries = Files.list(caches)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                boolean alive = name.chars().allMatch(Character::isDigit)
                        && ProcessHandle.of(Long.parseLong(name)).isPresent();
                if (!alive) {
                    deleteRecursively(entry);
                }
            }
        }
        return caches.resolve(Long.toString(ProcessHandle.current().pid()));
    }

    private static int install(BundleContext context, List<FeatureFile.BundleEntry> bundles) throws BundleException {
        int maxLevel = 1;
        for (FeatureFile.BundleEntry entry : bundles) {
            Bundle bundle = context.installBundle("reference:" + entry.file().toUri());
            bundle.adapt(BundleStartLevel.class).setStartLevel(entry.startLevel());
            maxLevel = Math.max(maxLevel, entry.startLevel());
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
        }
        return maxLevel;
    }

    /**
     * Waits for ConfigAdmin, which starts at level 1, and applies the feature's configurations before
     * Keyport's own components start at level 2, so that none of them first runs with defaults. A PID that has a
     * file in the configuration directory keeps the file's configuration instead.
     */
    private static void applyConfigurations(
            BundleContext context, FeatureFile feature, Map<String, String> variables, Path configDirectory)
            throws InterruptedException, ReflectiveOperationException {
        if (feature.configurations().isEmpty()) {
            return;
        }
        ServiceTracker<Object, Object> tracker =
                new ServiceTracker<>(context, "org.osgi.service.cm.ConfigurationAdmin", null);
        tracker.open();
        try {
            if (tracker.waitForService(10_000) == null) {
                throw new IllegalStateException("ConfigAdmin did not start within 10 seconds; check that feature "
                        + feature.id() + " lists org.apache.felix.configadmin with start-order 1");
            }
            FeatureConfigurations.apply(context, feature.configurations(), variables, configDirectory);
        } finally {
            tracker.close();
        }
    }

    /**
     * Starts Keyport's own bundles on the framework's start-level thread. Once all have started, a service
     * with {@code keyport.framework.started=true} tells the bus bundle to claim the bus name.
     */
    private static void raiseStartLevel(Framework framework, int level) {
        BundleContext context = framework.getBundleContext();
        framework.adapt(FrameworkStartLevel.class).setStartLevel(level, event -> {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("keyport.framework.started", true);
            context.registerService(Object.class, new Object(), properties);
        });
    }

    /** Stops the bundles in reverse start order on SIGTERM or SIGINT; the exit status then stays 0. */
    private static void handleSignals(Framework framework) {
        for (String name : List.of("TERM", "INT")) {
            Signal.handle(new Signal(name), signal -> {
                try {
                    framework.stop();
                } catch (BundleException e) {
                    System.err.println("keyport: could not stop the framework: " + e.getMessage());
                    Runtime.getRuntime().halt(ExitStatus.FAILURE);
                }
            });
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
