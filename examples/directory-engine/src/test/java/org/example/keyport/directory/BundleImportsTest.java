package org.example.keyport.directory;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * Checks the manifest that bnd wrote: the bundle imports only packages that every Keyport provides, so it
 * resolves in any Keyport with a compatible API. A library the engine needs belongs inside the bundle.
 */
public class BundleImportsTest {

    /** Keyport's API, SLF4J, and the JDK's packages, which the framework exports. */
    private static final Pattern ALLOWED = Pattern.compile("io\\.keyport\\.api(\\..+)?|org\\.slf4j|javax?\\..+|"
            + "org\\.w3c\\.dom(\\..+)?|org\\.xml\\.sax(\\..+)?");

    /** A package name at the start of the header or after a comma, outside quoted attribute values. */
    private static final Pattern PACKAGE = Pattern.compile("(?:^|,)([A-Za-z_][\\w.]*)(?=[;,]|$)");

    @Test
    public void importsOnlyKeyportApiSlf4jAndJdk() throws Exception {
        Path manifestFile = Path.of("target", "classes", "META-INF", "MANIFEST.MF");
        assertTrue(manifestFile + " is missing: bnd-maven-plugin writes it before the tests run",
                Files.isRegularFile(manifestFile));
        String imports;
        try (InputStream in = Files.newInputStream(manifestFile)) {
            imports = new Manifest(in).getMainAttributes().getValue("Import-Package");
        }

        List<String> unexpected = new ArrayList<>();
        Matcher matcher = PACKAGE.matcher(imports == null ? "" : imports.replaceAll("\"[^\"]*\"", "\"\""));
        while (matcher.find()) {
            if (!ALLOWED.matcher(matcher.group(1)).matches()) {
                unexpected.add(matcher.group(1));
            }
        }
        assertEquals("Imports that a Keyport does not provide; embed the library instead", List.of(), unexpected);
    }
}
