package io.keyport.itests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.keyport.itests.DistributionTree.FeatureBundleFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Resolves every feature of the distribution in a bare Felix, so that a bundle whose requirements no
 * bundle of its feature meets fails the build instead of a user's session.
 */
@RunWith(Parameterized.class)
public class FeatureResolutionIT {

    private static final long STOP_TIMEOUT_MILLIS = 20_000;

    @Parameter
    public String feature;

    private Framework framework;

    @Parameters(name = "{0}")
    public static List<String> features() {
        List<String> names = DistributionTree.located().featureNames();
        if (names.isEmpty()) {
            fail("The distribution has no feature files in features/");
        }
        return names;
    }

    @After
    public void stopFramework() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(STOP_TIMEOUT_MILLIS);
        }
    }

    @Test
    public void featureResolves() throws Exception {
        DistributionTree tree = DistributionTree.located();
        framework = startBareFramework(TemporaryDirectories.create("felix-" + feature + "-"));

        List<Bundle> bundles = new ArrayList<>();
        for (FeatureBundleFile entry : tree.bundles(feature)) {
            bundles.add(install(entry));
        }
        boolean resolved = framework.adapt(FrameworkWiring.class).resolveBundles(bundles);

        assertTrue("Feature " + feature + " does not resolve:\n" + describeUnresolved(bundles), resolved);
    }

    private static Framework startBareFramework(Path storage) throws BundleException {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No OSGi FrameworkFactory on the test class path"));
        Framework framework = factory.newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE,
                storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN,
                Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
        return framework;
    }

    private Bundle install(FeatureBundleFile entry) {
        try {
            return framework
                    .getBundleContext()
                    .installBundle("reference:" + entry.file().toUri());
        } catch (BundleException e) {
            throw new AssertionError(
                    "Feature " + feature + ": " + entry.file() + " does not install: " + e.getMessage(), e);
        }
    }

    /** Lists each unresolved bundle with the resolver's reason, which only a start attempt reports. */
    private static String describeUnresolved(List<Bundle> bundles) {
        StringBuilder description = new StringBuilder();
        for (Bundle bundle : bundles) {
            if (bundle.getState() != Bundle.INSTALLED) {
                continue;
            }
            description
                    .append("  ")
                    .append(bundle.getSymbolicName())
                    .append(' ')
                    .append(bundle.getVersion());
            description.append(" (").append(bundle.getLocation()).append("): ");
            description.append(resolutionError(bundle)).append('\n');
        }
        return description.toString();
    }

    private static String resolutionError(Bundle bundle) {
        String host = bundle.getHeaders().get(Constants.FRAGMENT_HOST);
        if (host != null) {
            return "fragment not attached to its host " + host;
        }
        try {
            bundle.start(Bundle.START_TRANSIENT);
            bundle.stop(Bundle.STOP_TRANSIENT);
            return "resolves on its own, but not together with the other bundles of the feature";
        } catch (BundleException e) {
            return e.getMessage();
        }
    }
}
