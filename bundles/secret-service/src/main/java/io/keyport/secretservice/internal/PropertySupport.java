package io.keyport.secretservice.internal;

import java.util.Map;
import org.freedesktop.DBus.Error.UnknownProperty;
import org.freedesktop.dbus.types.Variant;

/** Shared handling of {@code org.freedesktop.DBus.Properties} calls. */
final class PropertySupport {

    private PropertySupport() {}

    /** Returns a property's value from a GetAll map, or raises UnknownProperty. */
    static Object get(Map<String, Variant<?>> all, String interfaceName, String property) {
        Variant<?> value = all.get(property);
        if (value == null) {
            throw new UnknownProperty("No property " + interfaceName + "." + property);
        }
        return value;
    }

    static UnknownProperty unknownInterface(String interfaceName) {
        return new UnknownProperty("No properties on interface " + interfaceName);
    }
}
