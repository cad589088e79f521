package io.keyport.itests.secretservice;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/**
 * The Secret Service interfaces as a client declares them, written from the specification for dbus-java
 * proxies. They are the test's own, so the tests do not depend on how the exporter declares its side.
 */
public final class SecretServiceProxies {

    private SecretServiceProxies() {}

    /** {@code org.freedesktop.Secret.Service}. */
    @DBusInterfaceName("org.freedesktop.Secret.Service")
    public interface ServiceProxy extends DBusInterface {

        OutPair<Variant<?>, DBusPath> OpenSession(String algorithm, Variant<?> input);

        OutPair<DBusPath, DBusPath> CreateCollection(Map<String, Variant<?>> properties, String alias);

        OutPair<List<DBusPath>, List<DBusPath>> SearchItems(Map<String, String> attributes);

        OutPair<List<DBusPath>, DBusPath> Unlock(List<DBusPath> objects);

        OutPair<List<DBusPath>, DBusPath> Lock(List<DBusPath> objects);

        Map<DBusPath, SecretStruct> GetSecrets(List<DBusPath> items, DBusPath session);

        DBusPath ReadAlias(String name);

        void SetAlias(String name, DBusPath collection);
    }

    /** {@code org.freedesktop.Secret.Collection}. */
    @DBusInterfaceName("org.freedesktop.Secret.Collection")
    public interface CollectionProxy extends DBusInterface {

        DBusPath Delete();

        List<DBusPath> SearchItems(Map<String, String> attributes);

        OutPair<DBusPath, DBusPath> CreateItem(
                Map<String, Variant<?>> properties, SecretStruct secret, boolean replace);
    }

    /** {@code org.freedesktop.Secret.Item}. */
    @DBusInterfaceName("org.freedesktop.Secret.Item")
    public interface ItemProxy extends DBusInterface {

        DBusPath Delete();

        SecretStruct GetSecret(DBusPath session);

        void SetSecret(SecretStruct secret);
    }

    /** {@code org.freedesktop.Secret.Session}. */
    @DBusInterfaceName("org.freedesktop.Secret.Session")
    public interface SessionProxy extends DBusInterface {

        void Close();
    }

    /** The Secret struct {@code (oayays)}: session, algorithm parameters, value and content type. */
    public static final class SecretStruct extends Struct {

        @Position(0)
        private final DBusPath session;

        @Position(1)
        private final byte[] parameters;

        @Position(2)
        private final byte[] value;

        @Position(3)
        private final String contentType;

        public SecretStruct(DBusPath session, byte[] parameters, byte[] value, String contentType) {
            this.session = session;
            this.parameters = parameters;
            this.value = value;
            this.contentType = contentType;
        }

        public DBusPath getSession() {
            return session;
        }

        public byte[] getAlgorithmParameters() {
            return parameters;
        }

        public byte[] getValue() {
            return value;
        }

        public String getContentType() {
            return contentType;
        }
    }

    /** Two out-arguments of one method call, as dbus-java returns them. */
    public static final class OutPair<A, B> extends Tuple {

        @Position(0)
        private final A first;

        @Position(1)
        private final B second;

        public OutPair(A first, B second) {
            this.first = first;
            this.second = second;
        }

        public A first() {
            return first;
        }

        public B second() {
            return second;
        }
    }
}
