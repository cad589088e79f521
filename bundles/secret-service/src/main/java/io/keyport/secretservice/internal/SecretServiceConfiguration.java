package io.keyport.secretservice.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Keyport Secret Service", description = "The Secret Service objects on the bus")
@interface SecretServiceConfiguration {

    @AttributeDefinition(
            description = "Aliases as NAME=COLLECTION_ID. SetAlias changes are kept in the data"
                    + " directory and take precedence")
    String[] aliases() default {"default=login", "login=login", "session=session"};
}
