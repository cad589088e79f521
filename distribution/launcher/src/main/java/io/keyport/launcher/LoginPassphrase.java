package io.keyport.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;

/**
 * The login passphrase read by {@code --unlock-stdin}, handed to the bundles as a {@link Supplier} service
 * with the property {@code keyport.credential=login}. The type comes from the JDK, so no Keyport API class
 * has to be on the launcher's class path. The first {@code get()} returns the bytes, which the caller wipes;
 * later calls return {@code null}.
 */
final class LoginPassphrase implements Supplier<byte[]> {

    static final String CREDENTIAL_PROPERTY = "keyport.credential";

    private byte[] passphrase;

    private LoginPassphrase(byte[] passphrase) {
        this.passphrase = passphrase;
    }

    /** Reads standard input up to its end or the first newline, whichever comes first. */
    static LoginPassphrase readFromStdin() throws IOException {
        InputStream in = System.in;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int next;
        while ((next = in.read()) != -1 && next != '\n') {
            buffer.write(next);
        }
        byte[] bytes = buffer.toByteArray();
        // ByteArrayOutputStream keeps its own array; overwrite it before it is dropped.
        buffer.reset();
        buffer.write(new byte[bytes.length], 0, bytes.length);
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            byte[] trimmed = Arrays.copyOf(bytes, bytes.length - 1);
            Arrays.fill(bytes, (byte) 0);
            bytes = trimmed;
        }
        return new LoginPassphrase(bytes);
    }

    void register(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(CREDENTIAL_PROPERTY, "login");
        context.registerService(Supplier.class, this, properties);
    }

    synchronized boolean isEmpty() {
        return passphrase == null || passphrase.length == 0;
    }

    @Override
    public synchronized byte[] get() {
        byte[] handedOver = passphrase;
        passphrase = null;
        return handedOver;
    }
}
