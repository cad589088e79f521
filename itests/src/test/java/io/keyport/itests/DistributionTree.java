package io.keyport.itests;

import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.osgi.framework.Constants;
import org.osgi.service.feature.Feature;
import org.osgi.service.feature.FeatureBundle;
import org.osgi.service.feature.FeatureService;
import org.osgi.service.feature.ID;

/**
 * The distribution tree that {@code ./keyport build} assembles: {@code bin/keyport}, {@code bundles/},
 * {@code features/*.json} and {@code etc/}.
 *
 * <p>The build passes its location in the system property {@value #PROPERTY}.
 */
final class DistributionTree {

    static final String PROPERTY = "keyport.tree";

    /** Bundle metadata key of a feature that gives the bundle's start level. */
    static final String START_ORDER = "start-order";

    /** Start level of a bundle whose entry has no start order, as in the launcher. */
    static final int DEFAULT_START_LEVEL = 2;

    private final Path root;

    private DistributionTree(Path root) {
        this.root = root;
    }

    /** Returns the tree named by {@value #PROPERTY}, and fails the test when it is not built. */
    static DistributionTree located() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            fail("System property " + PROPERTY + " is not set. Run the tests with ./mvnw -B verify, which sets it"
                    + " to distribution/target/keyport.");
        }
        Path root = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isExecutable(root.resolve("bin").resolve("keyport"))) {
            fail("No distribution tree at " + root + ": bin/keyport is missing. Build it with ./keyport build.");
        }
        return new DistributionTree(root);
    }

    Path root() {
        return root;
    }

    Path launcher() {
        return root.resolve("bin").resolve("keyport");
    }

    Path etc() {
        return root.resolve("etc");
    }

    Path featureFile(String name) {
        return root.resolve("features").resolve(name + ".json");
    }

    /** Returns the names of the feature files, such as {@code core}, in alphabetical order. */
    List<String> featureNames() {
        try (Stream<Path> files = Files.list(root.resolve("features"))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .map(name -> name.substring(0, name.length() - ".json".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + root.resolve("features"), e);
        }
    }

    /** Parses a feature file with the OSGi Feature Service implementation on the class path. */
    Feature readFeature(String name) {
        Path file = featureFile(name);
        FeatureService service = ServiceLoader.load(FeatureService.class)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No OSGi FeatureService on the test class path"));
        try (Reader reader = Files.newBufferedReader(file)) {
            return service.readFeature(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read feature file " + file, e);
        }
    }

    /** Returns the bundles of a feature in feature order, each with its file in {@code bundles/}. */
    List<FeatureBundleFile> bundles(String featureName) {
        List<FeatureBundleFile> bundles = new ArrayList<>();
        for (FeatureBundle bundle : readFeature(featureName).getBundles()) {
            Path file = root.resolve("bundles").resolve(fileName(bundle.getID()));
            if (!Files.isRegularFile(file)) {
                fail("Bundle " + bundle.getID() + " of feature " + featureName + " is missing: " + file
                        + " not found. Rebuild the distribution with ./keyport build.");
            }
            Object order = bundle.getMetadata().get(START_ORDER);
            int startLevel = order == null ? DEFAULT_START_LEVEL : Integer.parseInt(order.toString());
            bundles.add(new FeatureBundleFile(bundle.getID(), file, startLevel, isFragment(file)));
        }
        return bundles;
    }

    /** File name of a bundle in the distribution: {@code artifactId-version[-classifier].jar}. */
    static String fileName(ID id) {
        return id.getArtifactId() + "-" + id.getVersion()
                + id.getClassifier().map(classifier -> "-" + classifier).orElse("") + ".jar";
    }

    private static boolean isFragment(Path file) {
        try (JarFile jar = new JarFile(file.toFile())) {
            Manifest manifest = jar.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue(Constants.FRAGMENT_HOST) != null;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the manifest of " + file, e);
        }
    }

    /** A bundle of a feature: its coordinates, its file, its start level and whether it is a fragment. */
    record FeatureBundleFile(ID id, Path file, int startLevel, boolean fragment) {}
}
