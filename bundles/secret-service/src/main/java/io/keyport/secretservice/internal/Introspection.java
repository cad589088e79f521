package io.keyport.secretservice.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.freedesktop.dbus.connections.base.AbstractConnectionBase;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.messages.ExportedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The introspection data Keyport serves, written out by hand from the Secret Service specification.
 *
 * <p>NOTE: dbus-java 5.1 generates wrong data for these interfaces: it lists a tuple's out-arguments twice
 * and splits the Secret struct into four out-arguments. Keyport therefore replaces the generated data in
 * dbus-java's object tree, and in its fallback objects through reflection; introspection falls back to
 * dbus-java's own data if that reflection stops working with a later version.
 */
final class Introspection {

    private static final Logger LOG = LoggerFactory.getLogger(Introspection.class);

    private static final String STANDARD = """
             <interface name="org.freedesktop.DBus.Introspectable">
              <method name="Introspect"><arg name="xml_data" type="s" direction="out"/></method>
             </interface>
             <interface name="org.freedesktop.DBus.Peer">
              <method name="Ping"/>
              <method name="GetMachineId"><arg name="machine_uuid" type="s" direction="out"/></method>
             </interface>
             <interface name="org.freedesktop.DBus.Properties">
              <method name="Get">
               <arg name="interface_name" type="s" direction="in"/>
               <arg name="property_name" type="s" direction="in"/>
               <arg name="value" type="v" direction="out"/>
              </method>
              <method name="GetAll">
               <arg name="interface_name" type="s" direction="in"/>
               <arg name="properties" type="a{sv}" direction="out"/>
              </method>
              <method name="Set">
               <arg name="interface_name" type="s" direction="in"/>
               <arg name="property_name" type="s" direction="in"/>
               <arg name="value" type="v" direction="in"/>
              </method>
              <signal name="PropertiesChanged">
               <arg name="interface_name" type="s"/>
               <arg name="changed_properties" type="a{sv}"/>
               <arg name="invalidated_properties" type="as"/>
              </signal>
             </interface>
            """;

    static final String SERVICE = """
             <interface name="org.freedesktop.Secret.Service">
              <property name="Collections" type="ao" access="read"/>
              <method name="OpenSession">
               <arg name="algorithm" type="s" direction="in"/>
               <arg name="input" type="v" direction="in"/>
               <arg name="output" type="v" direction="out"/>
               <arg name="result" type="o" direction="out"/>
              </method>
              <method name="CreateCollection">
               <arg name="properties" type="a{sv}" direction="in"/>
               <arg name="alias" type="s" direction="in"/>
               <arg name="collection" type="o" direction="out"/>
               <arg name="prompt" type="o" direction="out"/>
              </method>
              <method name="SearchItems">
               <arg name="attributes" type="a{ss}" direction="in"/>
               <arg name="unlocked" type="ao" direction="out"/>
               <arg name="locked" type="ao" direction="out"/>
              </method>
              <method name="Unlock">
               <arg name="objects" type="ao" direction="in"/>
               <arg name="unlocked" type="ao" direction="out"/>
               <arg name="prompt" type="o" direction="out"/>
              </method>
              <method name="Lock">
               <arg name="objects" type="ao" direction="in"/>
               <arg name="locked" type="ao" direction="out"/>
               <arg name="Prompt" type="o" direction="out"/>
              </method>
              <method name="GetSecrets">
               <arg name="items" type="ao" direction="in"/>
               <arg name="session" type="o" direction="in"/>
               <arg name="secrets" type="a{o(oayays)}" direction="out"/>
              </method>
              <method name="ReadAlias">
               <arg name="name" type="s" direction="in"/>
               <arg name="collection" type="o" direction="out"/>
              </method>
              <method name="SetAlias">
               <arg name="name" type="s" direction="in"/>
               <arg name="collection" type="o" direction="in"/>
              </method>
              <signal name="CollectionCreated"><arg name="collection" type="o"/></signal>
              <signal name="CollectionDeleted"><arg name="collection" type="o"/></signal>
              <signal name="CollectionChanged"><arg name="collection" type="o"/></signal>
             </interface>
            """ + STANDARD;

    static final String GNOME_INTERNAL = """
             <interface name="org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface">
              <method name="ChangeWithMasterPassword">
               <arg name="collection" type="o" direction="in"/>
               <arg name="original" type="(oayays)" direction="in"/>
               <arg name="master" type="(oayays)" direction="in"/>
              </method>
              <method name="ChangeWithPrompt">
               <arg name="collection" type="o" direction="in"/>
               <arg name="prompt" type="o" direction="out"/>
              </method>
              <method name="CreateWithMasterPassword">
               <arg name="attributes" type="a{sv}" direction="in"/>
               <arg name="master" type="(oayays)" direction="in"/>
               <arg name="collection" type="o" direction="out"/>
              </method>
              <method name="UnlockWithMasterPassword">
               <arg name="collection" type="o" direction="in"/>
               <arg name="master" type="(oayays)" direction="in"/>
              </method>
             </interface>
            """;

    static final String COLLECTION = """
             <interface name="org.freedesktop.Secret.Collection">
              <property name="Items" type="ao" access="read"/>
              <property name="Label" type="s" access="readwrite"/>
              <property name="Locked" type="b" access="read"/>
              <property name="Created" type="t" access="read"/>
              <property name="Modified" type="t" access="read"/>
              <method name="Delete"><arg name="prompt" type="o" direction="out"/></method>
              <method name="SearchItems">
               <arg name="attributes" type="a{ss}" direction="in"/>
               <arg name="results" type="ao" direction="out"/>
              </method>
              <method name="CreateItem">
               <arg name="properties" type="a{sv}" direction="in"/>
               <arg name="secret" type="(oayays)" direction="in"/>
               <arg name="replace" type="b" direction="in"/>
               <arg name="item" type="o" direction="out"/>
               <arg name="prompt" type="o" direction="out"/>
              </method>
              <signal name="ItemCreated"><arg name="item" type="o"/></signal>
              <signal name="ItemDeleted"><arg name="item" type="o"/></signal>
              <signal name="ItemChanged"><arg name="item" type="o"/></signal>
             </interface>
            """ + STANDARD;

    static final String ITEM = """
             <interface name="org.freedesktop.Secret.Item">
              <property name="Locked" type="b" access="read"/>
              <property name="Attributes" type="a{ss}" access="readwrite"/>
              <property name="Label" type="s" access="readwrite"/>
              <property name="Created" type="t" access="read"/>
              <property name="Modified" type="t" access="read"/>
              <method name="Delete"><arg name="Prompt" type="o" direction="out"/></method>
              <method name="GetSecret">
               <arg name="session" type="o" direction="in"/>
               <arg name="secret" type="(oayays)" direction="out"/>
              </method>
              <method name="SetSecret"><arg name="secret" type="(oayays)" direction="in"/></method>
             </interface>
            """ + STANDARD;

    static final String SESSION = """
             <interface name="org.freedesktop.Secret.Session">
              <method name="Close"/>
             </interface>
            """ + STANDARD;

    static final String PROMPT = """
             <interface name="org.freedesktop.Secret.Prompt">
              <method name="Prompt"><arg name="window-id" type="s" direction="in"/></method>
              <method name="Dismiss"/>
              <signal name="Completed">
               <arg name="dismissed" type="b"/>
               <arg name="result" type="v"/>
              </signal>
             </interface>
            """ + STANDARD;

    private Introspection() {}

    /** Replaces the data of an object exported at {@code path}; child nodes are still listed by dbus-java. */
    static void replace(DBusConnection connection, String path, String interfaces) {
        synchronized (connection.getObjectTree()) {
            connection.getObjectTree().add(path, null, interfaces);
        }
    }

    /** Replaces the data that dbus-java serves for every path under a fallback prefix. */
    static void replaceFallback(DBusConnection connection, String prefix, String interfaces) {
        try {
            Method containerGetter = AbstractConnectionBase.class.getDeclaredMethod("getFallbackContainer");
            containerGetter.setAccessible(true);
            Object container = containerGetter.invoke(connection);
            Object exported =
                    container.getClass().getMethod("get", String.class).invoke(container, prefix + "/x");
            Field data = ExportedObject.class.getDeclaredField("introspectionData");
            data.setAccessible(true);
            data.set(exported, "<node>\n" + interfaces + "</node>");
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Could not replace dbus-java's introspection data under {}: {}", prefix, e.toString());
        }
    }
}
