package io.keyport.secretservice.internal;

import io.keyport.api.config.ConfigurationCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validated configuration of the Secret Service exporter, {@value SecretServiceExporter#PID}.
 *
 * @param aliases the configured alias targets, name to collection id; an empty id removes the alias
 * @param gnomeKeyringInternalInterface whether gnome-keyring's internal interface is served
 * @param loginEngine the name of the engine that creates the login collection
 * @param secretMaxBytes the largest secret a client may store, in bytes
 * @param accessRules the access rules, first match wins
 * @param unattendedAllow whether a question that no prompter can ask is allowed
 * @param promptTimeout how long an access question waits for the user
 * @param auditMaxBytes the size at which the audit log is rotated, in bytes
 */
record SecretServiceSettings(
        Map<String, String> aliases,
        boolean gnomeKeyringInternalInterface,
        String loginEngine,
        int secretMaxBytes,
        List<AccessRule> accessRules,
        boolean unattendedAllow,
        Duration promptTimeout,
        long auditMaxBytes) {

    /**
     * Largest secret.max.bytes: the D-Bus specification limits a whole message to 2^27 bytes (128 MiB), so a
     * larger secret cannot reach Keyport.
     */
    static final int MAX_SECRET_BYTES = 1 << 27;

    static final String RULE_SYNTAX =
            "write allow, deny or ask, then any of collection=ID, item=ID, exe=/ABSOLUTE/PATH and app=APP_ID";

    private static final Logger LOG = LoggerFactory.getLogger(SecretServiceSettings.class);

    SecretServiceSettings {
        aliases = Map.copyOf(aliases);
        accessRules = List.copyOf(accessRules);
    }

    /** Returns the settings of an empty configuration: every property at its default. */
    static SecretServiceSettings defaults() {
        return check(Map.of()).settings();
    }

    /**
     * Parses {@code properties}, logging one error line that ends with {@code consequence} when they are invalid,
     * and one warning line for unknown keys. Returns empty when they are invalid, so the caller keeps its previous
     * settings.
     */
    static Optional<SecretServiceSettings> parse(Map<String, ?> properties, String consequence) {
        Parsed parsed = check(properties);
        String unknown = parsed.check().unknownKeysMessage();
        if (!unknown.isEmpty()) {
            LOG.warn(unknown);
        }
        if (!parsed.check().isValid()) {
            LOG.error("{}. {}", parsed.check().errorMessage(), consequence);
            return Optional.empty();
        }
        return Optional.of(parsed.settings());
    }

    /** Checks every property; {@link Parsed#settings()} is meaningful only when the check is valid. */
    static Parsed check(Map<String, ?> properties) {
        ConfigurationCheck check =
                ConfigurationCheck.of(SecretServiceExporter.PID, SecretServiceConfiguration.class, properties);
        check.requireRange("secret.max.bytes", 1, MAX_SECRET_BYTES);
        check.requireRange("access.prompt.timeout.seconds", 1, Integer.MAX_VALUE);
        check.requireRange("audit.max.bytes", 1, Long.MAX_VALUE);
        check.requireOneOf("access.unattended", "allow", "deny");
        SecretServiceConfiguration values = check.values(SecretServiceConfiguration.class);
        if (values.login_engine().isBlank()) {
            check.reject("login.engine", "write the keyport.engine.name of a storage engine, such as file");
        }
        SecretServiceSettings settings = new SecretServiceSettings(
                aliases(values.aliases(), check),
                values.gnome_keyring_internal_interface(),
                values.login_engine().trim(),
                values.secret_max_bytes(),
                rules(values.access_rules(), check),
                values.access_unattended().trim().toLowerCase(Locale.ROOT).equals("allow"),
                Duration.ofSeconds(values.access_prompt_timeout_seconds()),
                values.audit_max_bytes());
        return new Parsed(check, settings);
    }

    /** Returns the names of the properties whose values differ from {@code previous}. */
    List<String> changedFrom(SecretServiceSettings previous) {
        List<String> changed = new ArrayList<>();
        if (!aliases.equals(previous.aliases)) {
            changed.add("aliases");
        }
        if (gnomeKeyringInternalInterface != previous.gnomeKeyringInternalInterface) {
            changed.add("gnome.keyring.internal.interface");
        }
        if (!loginEngine.equals(previous.loginEngine)) {
            changed.add("login.engine");
        }
        if (secretMaxBytes != previous.secretMaxBytes) {
            changed.add("secret.max.bytes");
        }
        if (!accessRules.equals(previous.accessRules)) {
            changed.add("access.rules");
        }
        if (unattendedAllow != previous.unattendedAllow) {
            changed.add("access.unattended");
        }
        if (!promptTimeout.equals(previous.promptTimeout)) {
            changed.add("access.prompt.timeout.seconds");
        }
        if (auditMaxBytes != previous.auditMaxBytes) {
            changed.add("audit.max.bytes");
        }
        return changed;
    }

    private static Map<String, String> aliases(String[] entries, ConfigurationCheck check) {
        Map<String, String> aliases = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            String name = equals < 0 ? "" : entry.substring(0, equals).trim();
            String target = equals < 0 ? "" : entry.substring(equals + 1).trim();
            if (!ObjectPaths.isValidElement(name) || !(target.isEmpty() || ObjectPaths.isValidElement(target))) {
                check.reject(
                        "aliases",
                        entry,
                        "write NAME=COLLECTION_ID with letters, digits and _ on both sides, such as default=login");
            } else {
                aliases.put(name, target);
            }
        }
        return aliases;
    }

    private static List<AccessRule> rules(String[] entries, ConfigurationCheck check) {
        List<AccessRule> rules = new ArrayList<>();
        for (String entry : entries) {
            Optional<AccessRule> rule = AccessRule.parse(entry);
            if (rule.isPresent()) {
                rules.add(rule.get());
            } else {
                check.reject("access.rules", entry, RULE_SYNTAX);
            }
        }
        return rules;
    }

    /** The outcome of a check and the settings read from it. */
    record Parsed(ConfigurationCheck check, SecretServiceSettings settings) {}
}
