package io.keyport.api.config;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class ConfigurationCheckTest {

    @interface Sample {
        int secret_max_bytes() default 1024;

        boolean enabled() default false;

        String[] items() default {"a=b"};

        String mode() default "allow";

        long size() default 7;
    }

    private static final String PID = "io.keyport.sample";

    @Test
    public void textNumberConverts() {
        ConfigurationCheck check = ConfigurationCheck.of(PID, Sample.class, Map.of("secret.max.bytes", " 42 "));

        assertTrue(check.errorMessage(), check.isValid());
        assertEquals(42, check.values(Sample.class).secret_max_bytes());
    }

    @Test
    public void buildReturnsSettingsAndWarnsOfUnknownKeys() {
        List<String> warnings = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        ConfigurationCheck check =
                ConfigurationCheck.of(PID, Sample.class, Map.of("size", "9", "secret.max.byte", "5"));

        Optional<Long> size = check.build(Sample.class, Sample::size, warnings::add, errors::add, "Keeping it");

        assertEquals(Optional.of(9L), size);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0), warnings.get(0).contains("secret.max.byte"));
        assertEquals(List.of(), errors);
    }

    @Test
    public void buildReportsRejectionFromBuilder() {
        List<String> errors = new ArrayList<>();
        ConfigurationCheck check = ConfigurationCheck.of(PID, Sample.class, Map.of("mode", "sometimes"));

        Optional<String> mode = check.build(
                Sample.class,
                sample -> {
                    throw new IllegalArgumentException("mode=" + sample.mode() + " is invalid: write allow or deny");
                },
                warning -> {},
                errors::add,
                "Keeping the previous configuration");

        assertEquals(Optional.empty(), mode);
        assertEquals(
                List.of("Invalid configuration io.keyport.sample: mode=sometimes is invalid: write allow or deny."
                        + " Keeping the previous configuration"),
                errors);
    }

    @Test
    public void wordForNumberIsRejected() {
        ConfigurationCheck check = ConfigurationCheck.of(PID, Sample.class, Map.of("secret.max.bytes", "lots"));
        check.requireRange("secret.max.bytes", 1, 100);

        assertFalse(check.isValid());
        assertEquals(
                "Invalid configuration io.keyport.sample: secret.max.bytes=lots is invalid: write a whole number"
                        + " from 1 to 100",
                check.errorMessage());
        assertEquals(1024, check.values(Sample.class).secret_max_bytes());
    }

    @Test
    public void numberOutsideRangeIsRejected() {
        ConfigurationCheck check = ConfigurationCheck.of(PID, Sample.class, Map.of("secret.max.bytes", -5));
        check.requireRange("secret.max.bytes", 1, 100);

        assertFalse(check.isValid());
        assertTrue(check.errorMessage(), check.errorMessage().contains("secret.max.bytes=-5 is invalid"));
        assertTrue(check.errorMessage(), check.errorMessage().contains("from 1 to 100"));
    }

    @Test
    public void longOutsideIntRangeIsRejected() {
        ConfigurationCheck check = ConfigurationCheck.of(PID, Sample.class, Map.of("secret.max.bytes", 1L << 40));

        assertFalse(check.isValid());
    }

    @Test
    public void booleanAcceptsOnlyTrueOrFalse() {
        assertTrue(ConfigurationCheck.of(PID, Sample.class, Map.of("enabled", "TRUE"))
                .values(Sample.class)
                .enabled());
        ConfigurationCheck check = ConfigurationCheck.of(PID, Sample.class, Map.of("enabled", "yes"));

        assertFalse(check.isValid());
        assertTrue(check.errorMessage(), check.errorMessage().contains("enabled=yes is invalid: write true or false"));
    }

    @Test
    public void unknownWordIsRejected() {
        ConfigurationCheck check = ConfigurationCheck.of(PID, Sample.class, Map.of("mode", "maybe"));
        check.requireOneOf("mode", "allow", "deny");

        assertTrue(check.errorMessage(), check.errorMessage().contains("mode=maybe is invalid: write allow or deny"));
    }

    @Test
    public void listAcceptsOneValueOrMany() {
        assertArrayEquals(
                new String[] {"x=y"},
                ConfigurationCheck.of(PID, Sample.class, Map.of("items", "x=y"))
                        .values(Sample.class)
                        .items());
        assertArrayEquals(
                new String[] {"x=y", "z=w"},
                ConfigurationCheck.of(PID, Sample.class, Map.of("items", List.of("x=y", "z=w")))
                        .values(Sample.class)
                        .items());
    }

    @Test
    public void absentKeysReturnDefaults() {
        Sample values = ConfigurationCheck.of(PID, Sample.class, Map.of()).values(Sample.class);

        assertEquals(1024, values.secret_max_bytes());
        assertEquals(7, values.size());
        assertEquals("allow", values.mode());
    }

    @Test
    public void misspeltKeyIsNamedWithKnownKeys() {
        ConfigurationCheck check = ConfigurationCheck.of(
                PID, Sample.class, Map.of("secret.max.byte", "5", "service.pid", PID, "connection.target", "(a=b)"));

        assertTrue(check.isValid());
        assertEquals(
                "Configuration io.keyport.sample has unknown key secret.max.byte, which Keyport ignores; the known"
                        + " keys are enabled, items, mode, secret.max.bytes, size",
                check.unknownKeysMessage());
    }

    @Test
    public void sourceNamesFileInstallFile() {
        ConfigurationCheck check = ConfigurationCheck.of(
                PID, Sample.class, Map.of(ConfigurationCheck.FILE_PROPERTY, "file:/etc/keyport/io.keyport.sample.cfg"));

        assertEquals("io.keyport.sample (/etc/keyport/io.keyport.sample.cfg)", check.source());
    }

    @Test
    public void shownValueIsEscapedAndShortened() {
        assertEquals("a\\u000ab", ConfigurationCheck.show("a\nb"));
        assertEquals("x".repeat(80) + "...", ConfigurationCheck.show("x".repeat(200)));
    }

    @Test
    public void propertyNameFollowsDeclarativeServices() {
        assertEquals("secret.max.bytes", ConfigurationCheck.propertyName("secret_max_bytes"));
        assertEquals("a_b", ConfigurationCheck.propertyName("a__b"));
        assertEquals("a-b", ConfigurationCheck.propertyName("a$_$b"));
    }
}
