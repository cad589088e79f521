package io.keyport.secretservice.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class SecretServiceSettingsTest {

    @Test
    public void emptyConfigurationUsesDefaults() {
        SecretServiceSettings settings = SecretServiceSettings.defaults();

        assertEquals(SecretLimits.DEFAULT_MAX_BYTES, settings.secretMaxBytes());
        assertEquals("login", settings.aliases().get("default"));
        assertTrue(settings.unattendedAllow());
        assertEquals(Duration.ofSeconds(120), settings.promptTimeout());
    }

    @Test
    public void wordForMaxBytesIsRejected() {
        SecretServiceSettings.Parsed parsed = SecretServiceSettings.check(Map.of(
                "secret.max.bytes", "lots", "felix.fileinstall.filename", "file:/k/etc/io.keyport.secretservice.cfg"));

        assertFalse(parsed.check().isValid());
        assertEquals(
                "Invalid configuration io.keyport.secretservice (/k/etc/io.keyport.secretservice.cfg):"
                        + " secret.max.bytes=lots is invalid: write a whole number from 1 to 134217728",
                parsed.check().errorMessage());
    }

    @Test
    public void zeroOrNegativeNumbersAreRejected() {
        for (String key : List.of("secret.max.bytes", "access.prompt.timeout.seconds", "audit.max.bytes")) {
            for (String value : List.of("0", "-1")) {
                SecretServiceSettings.Parsed parsed = SecretServiceSettings.check(Map.of(key, value));

                assertFalse(key + "=" + value, parsed.check().isValid());
                assertTrue(
                        parsed.check().errorMessage(),
                        parsed.check().errorMessage().contains(key + "=" + value + " is invalid"));
            }
        }
    }

    @Test
    public void unknownUnattendedWordIsRejected() {
        SecretServiceSettings.Parsed parsed = SecretServiceSettings.check(Map.of("access.unattended", "sometimes"));

        assertTrue(
                parsed.check().errorMessage(),
                parsed.check().errorMessage().contains("access.unattended=sometimes is invalid: write allow or deny"));
    }

    @Test
    public void malformedRuleIsNamed() {
        SecretServiceSettings.Parsed parsed = SecretServiceSettings.check(
                Map.of("access.rules", new String[] {"deny collection=work", "permit exe=/usr/bin/python3"}));

        assertFalse(parsed.check().isValid());
        assertTrue(
                parsed.check().errorMessage(),
                parsed.check().errorMessage().contains("access.rules=permit exe=/usr/bin/python3 is invalid"));
    }

    @Test
    public void malformedAliasIsNamed() {
        SecretServiceSettings.Parsed parsed =
                SecretServiceSettings.check(Map.of("aliases", new String[] {"default=login", "no-equals"}));

        assertTrue(
                parsed.check().errorMessage(), parsed.check().errorMessage().contains("aliases=no-equals is invalid"));
    }

    @Test
    public void validConfigurationParses() {
        Optional<SecretServiceSettings> settings = SecretServiceSettings.parse(
                Map.of(
                        "secret.max.bytes", "5",
                        "access.unattended", "Deny",
                        "access.rules", "ask collection=login",
                        "access.prompt.timeout.seconds", 30),
                "unused");

        assertTrue(settings.isPresent());
        assertEquals(5, settings.get().secretMaxBytes());
        assertFalse(settings.get().unattendedAllow());
        assertEquals(1, settings.get().accessRules().size());
        assertEquals(Duration.ofSeconds(30), settings.get().promptTimeout());
    }

    @Test
    public void changedKeysAreNamed() {
        SecretServiceSettings before = SecretServiceSettings.defaults();
        SecretServiceSettings after = SecretServiceSettings.parse(
                        Map.of("secret.max.bytes", "5", "access.rules", "deny"), "unused")
                .orElseThrow();

        assertEquals(List.of("secret.max.bytes", "access.rules"), after.changedFrom(before));
        assertEquals(List.of(), before.changedFrom(SecretServiceSettings.defaults()));
    }
}
