package io.keyport.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.service.feature.Feature;
import org.osgi.service.feature.FeatureBundle;
import org.osgi.service.feature.FeatureConfiguration;
import org.osgi.service.feature.FeatureService;
import org.osgi.service.feature.ID;

/** An OSGi R8 feature of the distribution, with its bundles mapped to files under {@code bundles/}. */
final class FeatureFile {

    /** Bundle metadata key that gives a bundle's start level; Keyport's own bundles use 2 or more. */
    static final String START_ORDER = "start-order";

    private final Feature feature;
    private final Path bundleDirectory;

    private FeatureFile(Feature feature, Path bundleDirectory) {
        this.feature = feature;
        this.bundleDirectory = bundleDirectory;
    }

    static FeatureFile read(Path file, Path bundleDirectory) throws InvalidDistributionException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidDistributionException("Feature file " + file + " not found. Choose a feature from "
                    + file.getParent() + " with --feature NAME (core, desktop or headless).");
        }
        FeatureService service = ServiceLoader.load(FeatureService.class, FeatureFile.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No OSGi FeatureService on the launcher class path"));
        try (Reader reader = Files.newBufferedReader(file)) {
            return new FeatureFile(service.readFeature(reader), bundleDirectory);
        } catch (IOException | RuntimeException e) {
            throw new InvalidDistributionException("Feature file " + file + " is not a valid OSGi feature: "
                    + e.getMessage() + ". Fix the JSON or restore the file from the distribution.");
        }
    }

    String id() {
        return feature.getID().toString();
    }

    Map<String, FeatureConfiguration> configurations() {
        return feature.getConfigurations();
    }

    Map<String, Object> variables() {
        return feature.getVariables();
    }

    /** Returns the bundles in feature order, each with its file and start level. */
    List<BundleEntry> bundles() throws InvalidDistributionException {
        List<BundleEntry> entries = new ArrayList<>();
        for (FeatureBundle bundle : feature.getBundles()) {
            Path file = bundleDirectory.resolve(fileName(bundle.getID()));
            if (!Files.isRegularFile(file)) {
                throw new InvalidDistributionException("Bundle " + bundle.getID() + " of feature " + id()
                        + " is missing: " + file + " not found. Rebuild the distribution (./keyport build).");
            }
            Object order = bundle.getMetadata().get(START_ORDER);
            int startLevel = order == null ? 2 : Integer.parseInt(order.toString());
            entries.add(new BundleEntry(bundle.getID(), file, startLevel));
        }
        return entries;
    }

    /** File name of a bundle in the distribution: {@code artifactId-version[-classifier].jar}. */
    static String fileName(ID id) {
        return id.getArtifactId() + "-" + id.getVersion()
                + id.getClassifier().map(c -> "-" + c).orElse("") + ".jar";
    }

    record BundleEntry(ID id, Path file, int startLevel) {}

    /** The distribution tree or a feature in it is broken; the message names the file and the fix. */
    static final class InvalidDistributionException extends Exception {

        private static final long serialVersionUID = 1L;

        InvalidDistributionException(String message) {
            super(message);
        }
    }
}
