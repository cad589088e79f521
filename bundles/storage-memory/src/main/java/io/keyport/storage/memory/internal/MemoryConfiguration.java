package io.keyport.storage.memory.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Keyport memory storage engine",
        description = "Collections that live in memory only and are gone when Keyport stops")
@interface MemoryConfiguration {

    @AttributeDefinition(description = "Engine instance name, unique within the daemon")
    String keyport_engine_name() default "memory";

    @AttributeDefinition(description = "Collections to serve, as ID=LABEL; ids use ASCII letters, digits and _")
    String[] collections() default {"session=Session"};

    @AttributeDefinition(description = "Whether Secret Service CreateCollection may create collections here")
    boolean keyport_engine_creates_collections() default false;
}
