package io.keyport.itests.secretservice;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.keyport.itests.Poll;
import io.keyport.itests.secretservice.SecretServiceProxies.OutPair;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.types.Variant;
import org.junit.Test;

/**
 * {@code org.freedesktop.Secret.Session} and the negotiation in {@code OpenSession}: closing, ownership by
 * the opening connection, and the public key encodings that DH clients send.
 */
public class SessionIT extends SecretServiceTestSupport {

    private static final String SESSIONS_LOGGER = "io.keyport.secretservice.internal.Sessions";

    @Test
    public void closeEndsPlainSession() throws Exception {
        closeEndsSession(ClientSession.PLAIN);
    }

    @Test
    public void closeEndsDhSession() throws Exception {
        closeEndsSession(ClientSession.DH);
    }

    private void closeEndsSession(String algorithm) throws Exception {
        ClientSession session = openSession(algorithm);
        String item = createItem(session, "Mail", uniqueAttributes(), "secret");

        session(session.path().getPath()).Close();

        RawCall reply = raw(item, ITEM_INTERFACE, "GetSecret", "o", session.path());
        assertEquals(reply.describe(), NO_SESSION, reply.errorName());
    }

    @Test
    public void closedSessionCannotCreateItems() throws Exception {
        ClientSession session = openSession(ClientSession.DH);
        session(session.path().getPath()).Close();

        RawCall reply =
                rawCreateItem(itemProperties("Mail", uniqueAttributes()), session.encode(utf8("secret"), "text/plain"));

        assertEquals(reply.describe(), NO_SESSION, reply.errorName());
        assertEquals(List.of(), searchService(Map.of(), false));
    }

    @Test
    public void closingTwiceIsNoSession() throws Exception {
        ClientSession session = openSession(ClientSession.PLAIN);
        session(session.path().getPath()).Close();

        RawCall reply = raw(session.path().getPath(), SESSION_INTERFACE, "Close", "");

        assertEquals(reply.describe(), NO_SESSION, reply.errorName());
    }

    @Test
    public void closingLeavesOtherSessionsOpen() throws Exception {
        ClientSession closed = openSession(ClientSession.DH);
        ClientSession open = openSession(ClientSession.DH);
        String item = createItem(open, "Mail", uniqueAttributes(), "secret");

        session(closed.path().getPath()).Close();

        assertArrayEquals(utf8("secret"), secretOf(item, open));
    }

    @Test
    public void unknownSessionIsNoSession() throws Exception {
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");

        RawCall reply = raw(item, ITEM_INTERFACE, "GetSecret", "o", new DBusPath(SERVICE_PATH + "/session/s999999"));

        assertEquals(reply.describe(), NO_SESSION, reply.errorName());
    }

    @Test
    public void noneSessionIsNoSession() throws Exception {
        String item = createItem(openSession(ClientSession.PLAIN), "Mail", uniqueAttributes(), "secret");

        RawCall reply = raw(
                SERVICE_PATH, SERVICE_INTERFACE, "GetSecrets", "aoo", List.of(new DBusPath(item)), new DBusPath(NONE));

        assertEquals(reply.describe(), NO_SESSION, reply.errorName());
    }

    @Test
    public void foreignSessionCannotSetSecrets() throws Exception {
        ClientSession owned = openSession(ClientSession.PLAIN);
        String item = createItem(owned, "Mail", uniqueAttributes(), "secret");
        DBusConnection other = openClient();

        RawCall reply = RawCall.call(other, item, ITEM_INTERFACE, "SetSecret", "(oayays)", (Object)
                structOf(owned.encode(utf8("x"), "a/b")));

        assertEquals(reply.describe(), NO_SESSION, reply.errorName());
        assertArrayEquals(utf8("secret"), secretOf(item, owned));
    }

    @Test
    public void foreignSessionCannotReadSecrets() throws Exception {
        ClientSession owned = openSession(ClientSession.PLAIN);
        String item = createItem(owned, "Mail", uniqueAttributes(), "secret");
        DBusConnection other = openClient();

        RawCall reply = RawCall.call(other, item, ITEM_INTERFACE, "GetSecret", "o", owned.path());

        assertEquals(reply.describe(), NO_SESSION, reply.errorName());
    }

    @Test
    public void foreignSessionCannotCreateItems() throws Exception {
        ClientSession owned = openSession(ClientSession.PLAIN);
        DBusConnection other = openClient();
        Map<String, String> attributes = uniqueAttributes();

        RawCall reply = RawCall.call(
                other,
                SESSION_COLLECTION,
                COLLECTION_INTERFACE,
                "CreateItem",
                "a{sv}(oayays)b",
                itemProperties("Mail", attributes),
                structOf(owned.encode(utf8("secret"), "text/plain")),
                false);

        assertEquals(reply.describe(), NO_SESSION, reply.errorName());
        assertEquals(List.of(), searchService(attributes, false));
    }

    @Test
    public void foreignSessionCannotBeClosed() throws Exception {
        ClientSession owned = openSession(ClientSession.DH);
        String item = createItem(owned, "Mail", uniqueAttributes(), "secret");
        DBusConnection other = openClient();

        RawCall reply = RawCall.call(other, owned.path().getPath(), SESSION_INTERFACE, "Close", "");

        assertEquals(reply.describe(), NO_SESSION, reply.errorName());
        assertArrayEquals(utf8("secret"), secretOf(item, owned));
    }

    @Test
    public void sessionsCloseWhenOwnerLeavesBus() throws Exception {
        DBusConnection leaving = openClient();
        String owner = leaving.getUniqueName();
        try (LogCapture log = LogCapture.start(SESSIONS_LOGGER)) {
            ClientSession.open(serviceOn(leaving), ClientSession.PLAIN);
            ClientSession.open(serviceOn(leaving), ClientSession.DH);

            leaving.disconnect();

            // NOTE: a departed connection's sessions are unreachable from the bus, because no other
            // connection may use them, so only Keyport's debug log shows that they were closed.
            Poll.until(
                    "Keyport to close the sessions of " + owner,
                    () -> log.messages().contains("Closed 2 sessions of " + owner + ", which left the bus"),
                    () -> "Sessions log: " + log.messages());
        }
    }

    @Test
    public void dhAcceptsKeyWithTopBitSet() throws Exception {
        ClientSession.KeyPair keys = ClientSession.KeyPair.generateWhere(key -> (key[0] & 0x80) != 0);

        assertRoundTrips(ClientSession.openDh(service, keys));
    }

    @Test
    public void dhAcceptsShortKey() throws Exception {
        ClientSession.KeyPair keys = ClientSession.KeyPair.generateWhere(key -> key[0] == 0);
        byte[] minimal = Arrays.copyOfRange(keys.publicKeyBytes(), 1, ClientSession.GROUP_BYTES);

        assertRoundTrips(ClientSession.openDh(service, keys, minimal));
    }

    @Test
    public void dhAcceptsSignExtendedKey() throws Exception {
        ClientSession.KeyPair keys = ClientSession.KeyPair.generateWhere(key -> (key[0] & 0x80) != 0);
        byte[] signed = new byte[ClientSession.GROUP_BYTES + 1];
        System.arraycopy(keys.publicKeyBytes(), 0, signed, 1, ClientSession.GROUP_BYTES);

        assertRoundTrips(ClientSession.openDh(service, keys, signed));
    }

    @Test
    public void dhRejects129ByteKey() {
        byte[] key = new byte[ClientSession.GROUP_BYTES + 1];
        Arrays.fill(key, (byte) 1);

        RawCall reply = openSessionRaw(key);

        assertEquals(reply.describe(), INVALID_ARGS, reply.errorName());
    }

    @Test
    public void dhRejectsEmptyKey() {
        RawCall reply = openSessionRaw(new byte[0]);

        assertEquals(reply.describe(), INVALID_ARGS, reply.errorName());
    }

    @Test
    public void dhRejectsKeyOne() {
        RawCall reply = openSessionRaw(new byte[] {1});

        assertEquals(reply.describe(), INVALID_ARGS, reply.errorName());
    }

    @Test
    public void dhRejectsPrimeMinusOne() {
        RawCall reply = openSessionRaw(ClientSession.toGroupBytes(ClientSession.PRIME.subtract(BigInteger.ONE)));

        assertEquals(reply.describe(), INVALID_ARGS, reply.errorName());
    }

    @Test
    public void dhOutputIsServicePublicKey() {
        ClientSession.KeyPair keys = ClientSession.KeyPair.generate();

        OutPair<Variant<?>, DBusPath> reply =
                service.OpenSession(ClientSession.DH, new Variant<>(keys.publicKeyBytes(), "ay"));

        BigInteger servicePublicKey = new BigInteger(1, ClientSession.bytesOf(reply.first()));
        assertTrue(servicePublicKey.compareTo(BigInteger.ONE) > 0);
        assertTrue(servicePublicKey.compareTo(ClientSession.PRIME.subtract(BigInteger.ONE)) < 0);
    }

    private RawCall openSessionRaw(byte[] publicKey) {
        return raw(
                SERVICE_PATH, SERVICE_INTERFACE, "OpenSession", "sv", ClientSession.DH, new Variant<>(publicKey, "ay"));
    }

    /** Stores a secret over {@code session} and reads it back, which works only with the same session key. */
    private void assertRoundTrips(ClientSession session) throws Exception {
        String item = createItem(session, "Mail", uniqueAttributes(), "round trip");

        assertArrayEquals(utf8("round trip"), secretOf(item, session));
    }
}
