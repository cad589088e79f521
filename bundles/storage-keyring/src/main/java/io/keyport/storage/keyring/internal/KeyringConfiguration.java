package io.keyport.storage.keyring.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Keyport kernel keyring engine",
        description = "Collections held in the Linux kernel keyring, one keyring per collection; nothing is written"
                + " to disk")
@interface KeyringConfiguration {

    @AttributeDefinition(
            description = "Engine instance name (keyport.engine.name), unique in the daemon and part of each"
                    + " collection keyring's description: ASCII letters, digits, '.', '_' or '-'")
    String name() default "keyring";

    @AttributeDefinition(
            description = "Parent of the collection keyrings: user (@u, kept while the user has processes) or"
                    + " session (@s, kept while a process of the login session runs). Neither survives a reboot")
    String keyring() default "user";

    @AttributeDefinition(
            description = "Collections to serve, as ID=LABEL, created when missing; ids use ASCII letters, digits"
                    + " and _. Collection keyrings of this engine found in the parent keyring are served too")
    String[] collections() default {};

    @AttributeDefinition(
            description = "Lifetime of each new item in seconds, counted from its creation and enforced with key"
                    + " timeouts; 0 means no expiry")
    long expiry_seconds() default 0;

    @AttributeDefinition(
            description = "Whether Secret Service CreateCollection may create collections here"
                    + " (keyport.engine.creates.collections)")
    boolean collections_create() default false;

    @AttributeDefinition(
            description = "Seconds between checks for keys that other programs, such as keyctl, added or removed;"
                    + " 0 turns the check off")
    long rescan_seconds() default KeyringSettings.DEFAULT_RESCAN_SECONDS;

    @AttributeDefinition(
            description = "Service ranking: among engines that create collections, the highest receives new ones")
    int service_ranking() default 0;
}
