package org.example.keyport.template;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The factory configuration of one engine instance, from a FACTORY_PID-NAME.cfg file in Keyport's etc/. */
@ObjectClassDefinition(name = "Keyport storage engine: template-engine", description = "One engine instance")
@interface TemplateConfiguration {

    @AttributeDefinition(description = "Engine instance name, unique within the daemon; keyport status lists it")
    String keyport_engine_name() default "template";

    @AttributeDefinition(description = "Id of the collection: ASCII letters, digits and _")
    String collection_id() default "template";

    @AttributeDefinition(description = "Display name of the collection")
    String collection_label() default "Template";
}
