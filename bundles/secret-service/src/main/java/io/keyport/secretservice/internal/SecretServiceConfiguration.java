package io.keyport.secretservice.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Keyport Secret Service", description = "The Secret Service objects on the bus")
@interface SecretServiceConfiguration {

    @AttributeDefinition(
            description = "Aliases as NAME=COLLECTION_ID. SetAlias changes are kept in the data"
                    + " directory and take precedence")
    String[] aliases() default {"default=login", "login=login", "session=session"};

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
}
