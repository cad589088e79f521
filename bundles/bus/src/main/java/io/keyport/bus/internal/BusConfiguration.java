package io.keyport.bus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Keyport bus connection",
        description = "Which D-Bus bus Keyport serves and how it claims org.freedesktop.secrets")
@interface BusConfiguration {

    @AttributeDefinition(
            description = "Bus address to connect to. Empty: the framework property keyport.bus.address,"
                    + " then DBUS_SESSION_BUS_ADDRESS, then a private dbus-daemon started by Keyport")
    String address() default "";

    @AttributeDefinition(description = "Well-known name to own on the bus")
    String name() default "org.freedesktop.secrets";

    @AttributeDefinition(
            description = "Take the name over from its current owner if that owner allows replacement."
                    + " Empty: the framework property keyport.bus.replace")
    String replace() default "";
}
