package org.example.keyport.directory;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The factory configuration of one engine instance, from a FACTORY_PID-NAME.cfg file in Keyport's etc/. */
@ObjectClassDefinition(
        name = "Keyport storage engine: directory-engine",
        description = "Serves the files of a directory, such as a systemd credentials directory, read-only")
@interface DirectoryConfiguration {

    @AttributeDefinition(description = "Engine instance name, unique within the daemon; keyport status lists it")
    String keyport_engine_name() default "directory";

    @AttributeDefinition(description = "Directory whose regular files become items, such as $CREDENTIALS_DIRECTORY")
    String directory();

    @AttributeDefinition(description = "Id of the collection: ASCII letters, digits and _")
    String collection_id() default "directory";

    @AttributeDefinition(description = "Display name of the collection")
    String collection_label() default "Directory";

    @AttributeDefinition(description = "Maximum size of a file served as a secret, in bytes")
    long max_file_bytes() default DirectoryCollection.DEFAULT_MAX_FILE_BYTES;
}
