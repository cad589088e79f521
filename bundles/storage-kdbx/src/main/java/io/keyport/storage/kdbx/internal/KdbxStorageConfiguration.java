package io.keyport.storage.kdbx.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Keyport KDBX database",
        description = "One KeePass KDBX database served as a collection; its passphrase is asked for on unlock")
@interface KdbxStorageConfiguration {

    @AttributeDefinition(
            description = "Engine instance name (keyport.engine.name), unique in the daemon: ASCII letters, digits,"
                    + " '.', '_' or '-'")
    String name() default "kdbx";

    @AttributeDefinition(description = "Path of the KDBX database file; ~/ is the user's home directory")
    String path();

    @AttributeDefinition(description = "Path of the key file, if the database has one; empty for none")
    String keyfile() default "";

    @AttributeDefinition(
            description = "Group whose entries, with those of its subgroups, are the items: a path of group names"
                    + " below the root group such as /Internet, or a group UUID. Empty: the group KeePassXC's"
                    + " Secret Service integration exposes in this database, else the root group")
    String group() default "";

    @AttributeDefinition(
            description = "Collection id, the last element of its object path: ASCII letters, digits and _. Empty:"
                    + " the name with other characters replaced by _")
    String collection_id() default "";

    @AttributeDefinition(description = "Collection label. Empty: the database name once unlocked, else the file name")
    String collection_label() default "";

    @AttributeDefinition(
            description = "Largest Argon2 memory in MiB a database may ask for; a larger one is not opened")
    long kdf_max_memory_mib() default KdbxSettings.DEFAULT_MAX_KDF_MEMORY_MIB;

    @AttributeDefinition(
            description = "How often the file is checked for changes by other programs, in milliseconds; 0 turns"
                    + " this off, and changes are then seen before the next save")
    long poll_millis() default KdbxSettings.DEFAULT_POLL_MILLIS;

    @AttributeDefinition(description = "Service ranking of the engine service")
    int service_ranking() default 0;
}
