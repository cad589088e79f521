package io.keyport.storage.file.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Keyport file store",
        description = "One instance of Keyport's own encrypted store, serving the collections in one directory")
@interface FileStorageConfiguration {

    @AttributeDefinition(
            description = "Engine instance name (keyport.engine.name), unique in the daemon: ASCII letters, digits,"
                    + " '.', '_' or '-'")
    String name() default "file";

    @AttributeDefinition(
            description = "Store directory. Empty: the data directory followed by the name, where the data directory"
                    + " is the framework property keyport.data.dir, else $XDG_DATA_HOME/keyport, else"
                    + " ~/.local/share/keyport. A relative path is resolved against the data directory, and"
                    + " ${keyport.data.dir} is replaced by it")
    String directory() default "";

    @AttributeDefinition(
            description = "Whether Secret Service CreateCollection may create collections here"
                    + " (keyport.engine.creates.collections)")
    boolean collections_create() default true;

    @AttributeDefinition(
            description = "Argon2id memory in KiB for new collections and changed passphrases, at most 1048576")
    int argon2_memory_kib() default 64 * 1024;

    @AttributeDefinition(description = "Argon2id passes for new collections and changed passphrases, at most 64")
    int argon2_iterations() default 3;

    @AttributeDefinition(description = "Argon2id lanes for new collections and changed passphrases, at most 16")
    int argon2_parallelism() default 1;

    @AttributeDefinition(
            description = "Seconds without use after which an unlocked collection locks itself; 0 turns this off")
    long autolock_seconds() default 0;

    @AttributeDefinition(
            description = "Service ranking: among engines that create collections, the highest receives new ones")
    int service_ranking() default 0;
}
