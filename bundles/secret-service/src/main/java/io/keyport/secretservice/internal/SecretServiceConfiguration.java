package io.keyport.secretservice.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Keyport Secret Service", description = "The Secret Service objects on the bus")
@interface SecretServiceConfiguration {

    @AttributeDefinition(
            description = "Aliases as NAME=COLLECTION_ID. SetAlias changes are kept in the data"
                    + " directory and take precedence")
    String[] aliases() default {"default=login", "login=login", "session=session", "keyring=keyring"};

    @AttributeDefinition(
            description = "Serve gnome-keyring's org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface,"
                    + " which creates, unlocks and re-keys collections with a master password and no prompt. Off by default,"
                    + " because any program on the bus can then try passphrases")
    boolean gnome_keyring_internal_interface() default false;

    @AttributeDefinition(
            description = "Name of the storage engine (keyport.engine.name) that creates the login"
                    + " collection on first start")
    String login_engine() default "file";

    @AttributeDefinition(description = "Largest secret a client may store, in bytes")
    int secret_max_bytes() default SecretLimits.DEFAULT_MAX_BYTES;

    @AttributeDefinition(
            description = "Access rules, first match wins: DECISION [collection=ID] [item=ID] [exe=PATH] [app=APP_ID]"
                    + " with DECISION allow, deny or ask. Without a match, reading an item that another program"
                    + " created is asked, and the rest is allowed")
    String[] access_rules() default {};

    @AttributeDefinition(
            description = "What a question becomes when no prompter can reach the user: allow (headless servers"
                    + " keep working, but any program of the user reads every item) or deny")
    String access_unattended() default "allow";

    @AttributeDefinition(description = "Seconds an access question waits for the user before it is denied")
    int access_prompt_timeout_seconds() default 120;

    @AttributeDefinition(description = "Size in bytes at which audit.log is renamed to audit.log.1")
    long audit_max_bytes() default AuditLog.DEFAULT_MAX_BYTES;
}
