package io.keyport.secretservice.internal.dbus;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/**
 * The Secret struct {@code (oayays)}: the session the value is encoded for, the algorithm parameters
 * (the IV for DH sessions), the value and its content type.
 *
 * <p>dbus-java's {@code Container.toString()}, which is final, prints the value: never log a Secret.
 */
public final class Secret extends Struct {

    @Position(0)
    private final DBusPath session;

    @Position(1)
    private final byte[] parameters;

    @Position(2)
    private final byte[] value;

    @Position(3)
    private final String contentType;

    public Secret(DBusPath session, byte[] parameters, byte[] value, String contentType) {
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
