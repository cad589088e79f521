package io.keyport.secretservice.internal;

import java.util.Optional;

/**
 * One configured access rule, {@code DECISION [collection=ID] [item=ID] [exe=PATH] [app=APP_ID]}, such as
 * {@code deny collection=work app=com.example.Chat}. A rule matches a request when every condition it names holds;
 * a rule without conditions matches every request.
 */
record AccessRule(AccessRule.Decision decision, String collection, String item, String executable, String appId) {

    /** What a rule or the default policy decides for a request. */
    enum Decision {
        ALLOW,
        DENY,
        ASK
    }

    /**
     * Parses one rule; returns empty for a malformed one, which the caller logs and skips.
     *
     * <p>Values contain no spaces, because the rule is split at whitespace.
     */
    static Optional<AccessRule> parse(String text) {
        String[] words = text.trim().split("\\s+");
        Decision decision;
        try {
            decision = Decision.valueOf(words[0].toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String collection = "";
        String item = "";
        String executable = "";
        String appId = "";
        for (int i = 1; i < words.length; i++) {
            int equals = words[i].indexOf('=');
            if (equals <= 0 || equals == words[i].length() - 1) {
                return Optional.empty();
            }
            String value = words[i].substring(equals + 1);
            switch (words[i].substring(0, equals)) {
                case "collection" -> collection = value;
                case "item" -> item = value;
                case "exe" -> {
                    // Callers are matched on the absolute path of /proc/PID/exe, so a relative path never matches.
                    if (!value.startsWith("/")) {
                        return Optional.empty();
                    }
                    executable = value;
                }
                case "app" -> appId = value;
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new AccessRule(decision, collection, item, executable, appId));
    }

    boolean matches(Client client, String collectionId, String itemId) {
        return (collection.isEmpty() || collection.equals(collectionId))
                && (item.isEmpty() || item.equals(itemId))
                && (executable.isEmpty() || executable.equals(client.caller().executable()))
                && (appId.isEmpty() || appId.equals(client.appId()));
    }
}
