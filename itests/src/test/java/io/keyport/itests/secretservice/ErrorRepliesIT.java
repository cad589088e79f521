package io.keyport.itests.secretservice;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.keyport.itests.CommandResult;
import io.keyport.itests.Executables;
import io.keyport.itests.secretservice.SecretServiceProxies.SecretStruct;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.freedesktop.dbus.DBusPath;
import org.junit.Test;

/**
 * The error replies of the Secret Service: names from the specification, nothing stored by a rejected
 * call, and messages that never contain a secret or an attribute value that the client sent. Calls that
 * {@code dbus-send} can express are sent with it; calls with a Secret struct go through a raw client.
 */
public class ErrorRepliesIT extends SecretServiceTestSupport {

    /** The default of {@code secret.max.bytes}. */
    private static final int MAX_SECRET_BYTES = 1 << 20;

    private final String secretText = "keyport-error-secret-" + UUID.randomUUID();
    private final String attributeValue = "keyport-error-attribute-" + UUID.randomUUID();

    @Test
    public void plainRejectsIntegerInput() {
        CommandResult result =
                dbusSend(SERVICE_PATH, SERVICE_INTERFACE + ".OpenSession", "string:plain", "variant:int32:1");

        assertDBusSendError(result, INVALID_ARGS);
    }

    @Test
    public void dhRejectsStringInput() {
        CommandResult result = dbusSend(
                SERVICE_PATH, SERVICE_INTERFACE + ".OpenSession", "string:" + ClientSession.DH, "variant:string:");

        assertDBusSendError(result, INVALID_ARGS);
    }

    @Test
    public void wrongSignatureIsUnknownMethod() {
        CommandResult result =
                dbusSend(SERVICE_PATH, SERVICE_INTERFACE + ".OpenSession", "string:plain", "string:not a variant");

        assertDBusSendError(result, "org.freedesktop.DBus.Error.UnknownMethod");
    }

    @Test
    public void unknownMemberIsUnknownMethod() {
        CommandResult result = dbusSend(SERVICE_PATH, SERVICE_INTERFACE + ".NoSuchMethod");

        assertDBusSendError(result, "org.freedesktop.DBus.Error.UnknownMethod");
    }

    @Test
    public void pathOutsideSecretServiceIsUnknownObject() {
        CommandResult result = dbusSend("/org/example/nothing", SERVICE_INTERFACE + ".OpenSession", "string:plain");

        assertDBusSendError(result, "org.freedesktop.DBus.Error.UnknownObject");
    }

    @Test
    public void unknownAlgorithmIsNotSupported() {
        CommandResult result = dbusSend(
                SERVICE_PATH,
                SERVICE_INTERFACE + ".OpenSession",
                "string:dh-ietf2048-sha512-aes256-gcm",
                "variant:string:");

        assertDBusSendError(result, NOT_SUPPORTED);
    }

    @Test
    public void getSecretsRejectsForeignSession() throws Exception {
        ClientSession session = openSession(ClientSession.PLAIN);
        String item = createItem(session, "Mail", uniqueAttributes(), secretText);

        CommandResult result = dbusSend(
                SERVICE_PATH,
                SERVICE_INTERFACE + ".GetSecrets",
                "array:objpath:" + item,
                "objpath:" + session.path().getPath());

        assertDBusSendError(result, NO_SESSION);
        assertFalse(result.describe(), result.stdout().contains(secretText));
    }

    @Test
    public void getSecretsWithClosedSessionIsNoSession() throws Exception {
        ClientSession session = openSession(ClientSession.DH);
        String item = createItem(session, "Mail", uniqueAttributes(), secretText);
        session(session.path().getPath()).Close();

        RawCall reply =
                raw(SERVICE_PATH, SERVICE_INTERFACE, "GetSecrets", "aoo", List.of(new DBusPath(item)), session.path());

        assertEquals(reply.describe(), NO_SESSION, reply.errorName());
    }

    @Test
    public void missingItemIsNoSuchObject() {
        CommandResult result = dbusSend(SESSION_COLLECTION + "/999999", ITEM_INTERFACE + ".Delete");

        assertDBusSendError(result, NO_SUCH_OBJECT);
    }

    @Test
    public void missingItemPropertyIsNoSuchObject() {
        CommandResult result = dbusSend(
                SESSION_COLLECTION + "/999999",
                PROPERTIES_INTERFACE + ".Get",
                "string:" + ITEM_INTERFACE,
                "string:Label");

        assertDBusSendError(result, NO_SUCH_OBJECT);
    }

    @Test
    public void missingCollectionIsNoSuchObject() {
        CommandResult result = dbusSend(
                SERVICE_PATH + "/collection/absent", COLLECTION_INTERFACE + ".SearchItems", "dict:string:string:");

        assertDBusSendError(result, NO_SUCH_OBJECT);
    }

    @Test
    public void unknownPromptIsNoSuchObject() {
        CommandResult result =
                dbusSend(SERVICE_PATH + "/prompt/p999999", "org.freedesktop.Secret.Prompt.Prompt", "string:");

        assertDBusSendError(result, NO_SUCH_OBJECT);
    }

    @Test
    public void dismissOfUnknownPromptIsNoSuchObject() {
        CommandResult result = dbusSend(SERVICE_PATH + "/prompt/p999999", "org.freedesktop.Secret.Prompt.Dismiss");

        assertDBusSendError(result, NO_SUCH_OBJECT);
    }

    @Test
    public void ivOf15BytesIsRejected() {
        ClientSession session = openSession(ClientSession.DH);
        byte[] iv = new byte[15];

        assertRejectedAndNothingStored(new SecretStruct(
                session.path(), iv, session.encryptWithoutPadding(new byte[16], paddedBlock()), "text/plain"));
    }

    @Test
    public void ivOf17BytesIsRejected() {
        ClientSession session = openSession(ClientSession.DH);
        SecretStruct valid = session.encode(utf8(secretText), "text/plain");
        byte[] iv = Arrays.copyOf(valid.getAlgorithmParameters(), 17);

        assertRejectedAndNothingStored(new SecretStruct(session.path(), iv, valid.getValue(), "text/plain"));
    }

    @Test
    public void missingIvIsRejected() {
        ClientSession session = openSession(ClientSession.DH);
        SecretStruct valid = session.encode(utf8(secretText), "text/plain");

        assertRejectedAndNothingStored(new SecretStruct(session.path(), new byte[0], valid.getValue(), "text/plain"));
    }

    @Test
    public void ciphertextNotMultipleOf16IsRejected() {
        ClientSession session = openSession(ClientSession.DH);
        SecretStruct valid = session.encode(utf8(secretText), "text/plain");
        byte[] truncated = Arrays.copyOf(valid.getValue(), valid.getValue().length - 1);

        assertRejectedAndNothingStored(
                new SecretStruct(session.path(), valid.getAlgorithmParameters(), truncated, "text/plain"));
    }

    @Test
    public void emptyCiphertextIsRejected() {
        ClientSession session = openSession(ClientSession.DH);

        assertRejectedAndNothingStored(new SecretStruct(session.path(), new byte[16], new byte[0], "text/plain"));
    }

    @Test
    public void zeroPaddingByteIsRejected() {
        byte[] block = paddedBlock();
        block[15] = 0;

        assertRejectedPadding(block);
    }

    @Test
    public void paddingLongerThanBlockIsRejected() {
        byte[] block = paddedBlock();
        block[15] = 17;

        assertRejectedPadding(block);
    }

    @Test
    public void inconsistentPaddingIsRejected() {
        byte[] block = paddedBlock();
        block[12] = 4;
        block[13] = 3;
        block[14] = 4;
        block[15] = 4;

        assertRejectedPadding(block);
    }

    @Test
    public void plainSecretWithParametersIsRejected() {
        ClientSession session = openSession(ClientSession.PLAIN);

        assertRejectedAndNothingStored(new SecretStruct(session.path(), new byte[16], utf8(secretText), "text/plain"));
    }

    @Test
    public void setSecretWithBadPaddingKeepsOldSecret() throws Exception {
        ClientSession session = openSession(ClientSession.DH);
        String item = createItem(session, "Mail", uniqueAttributes(), "old");
        byte[] block = paddedBlock();
        block[15] = 0;
        byte[] iv = new byte[16];

        RawCall reply = raw(item, ITEM_INTERFACE, "SetSecret", "(oayays)", (Object)
                structOf(new SecretStruct(session.path(), iv, session.encryptWithoutPadding(iv, block), "text/plain")));

        assertEquals(reply.describe(), INVALID_ARGS, reply.errorName());
        assertNoLeak(reply);
        assertArrayEquals(utf8("old"), secretOf(item, session));
    }

    @Test
    public void emptySecretOverPlainRoundTrips() throws Exception {
        emptySecretRoundTrips(ClientSession.PLAIN);
    }

    @Test
    public void emptySecretOverDhRoundTrips() throws Exception {
        emptySecretRoundTrips(ClientSession.DH);
    }

    private void emptySecretRoundTrips(String algorithm) throws Exception {
        ClientSession session = openSession(algorithm);
        SecretStruct empty = session.encode(new byte[0], "text/plain");
        String item = createItem(session, "Empty", uniqueAttributes(), new byte[0], "text/plain", false);

        SecretStruct secret = secretStructOf(item, session);

        assertEquals(ClientSession.DH.equals(algorithm) ? 16 : 0, empty.getValue().length);
        assertEquals(ClientSession.DH.equals(algorithm) ? 16 : 0, secret.getValue().length);
        assertArrayEquals(new byte[0], session.decode(secret));
    }

    @Test
    public void secretAboveLimitOverPlainIsInvalidArgs() {
        secretAboveLimitIsInvalidArgs(ClientSession.PLAIN);
    }

    @Test
    public void secretAboveLimitOverDhIsInvalidArgs() {
        secretAboveLimitIsInvalidArgs(ClientSession.DH);
    }

    private void secretAboveLimitIsInvalidArgs(String algorithm) {
        ClientSession session = openSession(algorithm);
        byte[] large = largeSecret(MAX_SECRET_BYTES + 1);

        RawCall reply = rawCreateItem(itemProperties("Large", attributes()), session.encode(large, "text/plain"));

        assertEquals(reply.describe(), INVALID_ARGS, reply.errorName());
        assertTrue(reply.describe(), reply.errorMessage().contains(String.valueOf(MAX_SECRET_BYTES)));
        assertNoLeak(reply);
        assertEquals(List.of(), searchService(attributes(), false));
    }

    @Test
    public void setSecretAboveLimitIsInvalidArgs() throws Exception {
        ClientSession session = openSession(ClientSession.PLAIN);
        String item = createItem(session, "Mail", uniqueAttributes(), "old");

        RawCall reply = raw(item, ITEM_INTERFACE, "SetSecret", "(oayays)", (Object)
                structOf(session.encode(largeSecret(MAX_SECRET_BYTES + 1), "text/plain")));

        assertEquals(reply.describe(), INVALID_ARGS, reply.errorName());
        assertTrue(reply.describe(), reply.errorMessage().contains(String.valueOf(MAX_SECRET_BYTES)));
        assertArrayEquals(utf8("old"), secretOf(item, session));
    }

    @Test
    public void secretAtLimitOverPlainIsStored() throws Exception {
        secretAtLimitIsStored(ClientSession.PLAIN);
    }

    @Test
    public void secretAtLimitOverDhIsStored() throws Exception {
        secretAtLimitIsStored(ClientSession.DH);
    }

    private void secretAtLimitIsStored(String algorithm) throws Exception {
        ClientSession session = openSession(algorithm);
        byte[] large = largeSecret(MAX_SECRET_BYTES);

        RawCall reply = rawCreateItem(itemProperties("Large", attributes()), session.encode(large, "text/plain"));

        assertNull(reply.describe(), reply.errorName());
        assertArrayEquals(large, secretOf(String.valueOf(reply.values()[0]), session));
    }

    @Test
    public void createItemOnLockedCollectionIsLocked() {
        ClientSession session = openSession(ClientSession.DH);
        service.Lock(List.of(new DBusPath(SESSION_COLLECTION)));

        RawCall reply =
                rawCreateItem(itemProperties("Mail", attributes()), session.encode(utf8(secretText), "text/plain"));

        assertEquals(reply.describe(), IS_LOCKED, reply.errorName());
        assertNoLeak(reply);
        assertEquals(List.of(), searchService(attributes(), true));
    }

    @Test
    public void createItemWithForeignSessionLeaksNothing() throws Exception {
        ClientSession foreign = ClientSession.open(serviceOn(openClient()), ClientSession.PLAIN);

        RawCall reply =
                rawCreateItem(itemProperties("Mail", attributes()), foreign.encode(utf8(secretText), "text/plain"));

        assertEquals(reply.describe(), NO_SESSION, reply.errorName());
        assertNoLeak(reply);
    }

    /** Sends a secret whose decrypted last block is {@code block}, and expects it to be rejected. */
    private void assertRejectedPadding(byte[] block) {
        ClientSession session = openSession(ClientSession.DH);
        byte[] iv = new byte[16];
        byte[] prefix = utf8(secretText.substring(0, 16));
        byte[] plaintext = new byte[32];
        System.arraycopy(prefix, 0, plaintext, 0, 16);
        System.arraycopy(block, 0, plaintext, 16, 16);

        assertRejectedAndNothingStored(
                new SecretStruct(session.path(), iv, session.encryptWithoutPadding(iv, plaintext), "text/plain"));
    }

    private void assertRejectedAndNothingStored(SecretStruct secret) {
        RawCall reply = rawCreateItem(itemProperties("Rejected " + secretText, attributes()), secret);

        assertEquals(reply.describe(), INVALID_ARGS, reply.errorName());
        assertNoLeak(reply);
        assertEquals(List.of(), searchService(attributes(), false));
        assertEquals(List.of(), searchService(Map.of(), false));
    }

    /** Asserts that the error message contains neither the secret nor the attribute value that was sent. */
    private void assertNoLeak(RawCall reply) {
        assertFalse(reply.describe(), reply.errorMessage().contains(secretText));
        assertFalse(reply.describe(), reply.errorMessage().contains(attributeValue));
    }

    private Map<String, String> attributes() {
        return Map.of("account", attributeValue);
    }

    /** Returns one block of the test's secret text with valid PKCS#7 padding, for tests that break it. */
    private byte[] paddedBlock() {
        byte[] block = new byte[16];
        System.arraycopy(utf8(secretText), 0, block, 0, 12);
        Arrays.fill(block, 12, 16, (byte) 4);
        return block;
    }

    private byte[] largeSecret(int length) {
        byte[] secret = new byte[length];
        byte[] text = utf8(secretText);
        for (int i = 0; i < length; i++) {
            secret[i] = text[i % text.length];
        }
        return secret;
    }

    private CommandResult dbusSend(String path, String method, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Executables.require(Executables.DBUS_SEND).toString(),
                "--session",
                "--print-reply",
                "--dest=" + SECRETS_NAME,
                path,
                method));
        command.addAll(List.of(arguments));
        return runOnBus(command.toArray(new String[0]));
    }

    /** Asserts that dbus-send failed with {@code errorName}, which it prints as {@code Error NAME: message}. */
    private void assertDBusSendError(CommandResult result, String errorName) {
        assertEquals(result.describe(), 1, result.exitStatus());
        assertTrue(result.describe(), result.stderr().contains("Error " + errorName + ":"));
        assertFalse(result.describe(), result.stderr().contains(secretText));
    }
}
