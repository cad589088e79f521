package io.keyport.storage.keyring.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.After;
import org.junit.Test;

/** The system calls themselves, against the running kernel, in a keyring of the test's own. */
public class KeyctlSyscallsTest {

    private static final KeyctlSyscalls KEYCTL = TestKeyrings.KEYCTL;

    private final TestKeyrings keyrings = new TestKeyrings();

    @After
    public void removeKeys() {
        keyrings.close();
    }

    @Test
    public void addedKeyReadsBack() {
        int keyring = keyrings.create();

        int key = KEYCTL.addKey("user", "keyport-test:read", bytes("payload"), keyring);

        assertArrayEquals(bytes("payload"), KEYCTL.read(key));
    }

    @Test
    public void readGrowsBufferForLargePayload() {
        int keyring = keyrings.create();
        byte[] payload = new byte[KeyctlSyscalls.USER_PAYLOAD_MAX];
        payload[payload.length - 1] = 7;

        int key = KEYCTL.addKey("user", "keyport-test:large", payload, keyring);

        assertArrayEquals(payload, KEYCTL.read(key));
    }

    @Test
    public void updateReplacesPayload() {
        int keyring = keyrings.create();
        int key = KEYCTL.addKey("user", "keyport-test:update", bytes("old"), keyring);

        KEYCTL.update(key, bytes("new and longer"));

        assertArrayEquals(bytes("new and longer"), KEYCTL.read(key));
    }

    @Test
    public void describeReturnsTypeAndDescription() {
        int keyring = keyrings.create();
        int key = KEYCTL.addKey("user", "keyport-test:describe", bytes("x"), keyring);

        KeyDescription description = KEYCTL.describe(key);

        assertEquals("user", description.type());
        assertEquals("keyport-test:describe", description.description());
        assertEquals(
                ProcessHandle.current().info().user().orElse("").equals("root") ? 0 : description.uid(),
                description.uid());
    }

    @Test
    public void searchFindsKeyByDescription() {
        int keyring = keyrings.create();
        int key = KEYCTL.addKey("user", "keyport-test:search", bytes("x"), keyring);

        assertEquals(key, KEYCTL.search(keyring, "user", "keyport-test:search"));
    }

    @Test
    public void searchForMissingKeyFailsWithEnokey() {
        int keyring = keyrings.create();

        KeyctlException e =
                assertThrows(KeyctlException.class, () -> KEYCTL.search(keyring, "user", "keyport-test:missing"));

        assertEquals(Errno.ENOKEY, e.errno());
        assertTrue(e.getMessage(), e.getMessage().contains("(ENOKEY)"));
    }

    @Test
    public void readKeyringListsLinkedKeys() {
        int keyring = keyrings.create();
        int first = KEYCTL.addKey("user", "keyport-test:first", bytes("1"), keyring);
        int second = KEYCTL.addKey("user", "keyport-test:second", bytes("2"), keyring);

        int[] listed = KEYCTL.readKeyring(keyring);

        assertArrayEquals(new int[] {first, second}, listed);
    }

    @Test
    public void linkAndUnlinkChangeKeyring() {
        int source = keyrings.create();
        int target = keyrings.create();
        int key = KEYCTL.addKey("user", "keyport-test:link", bytes("x"), source);

        KEYCTL.link(key, target);
        assertArrayEquals(new int[] {key}, KEYCTL.readKeyring(target));
        KEYCTL.unlink(key, target);

        assertArrayEquals(new int[0], KEYCTL.readKeyring(target));
        assertArrayEquals(new int[] {key}, KEYCTL.readKeyring(source));
    }

    @Test
    public void unlinkOfUnlinkedKeyFailsWithEnoent() {
        int keyring = keyrings.create();
        int other = keyrings.create();
        int key = KEYCTL.addKey("user", "keyport-test:unlinked", bytes("x"), keyring);

        KeyctlException e = assertThrows(KeyctlException.class, () -> KEYCTL.unlink(key, other));

        assertEquals(Errno.ENOENT, e.errno());
    }

    @Test
    public void invalidatedKeyCannotBeRead() {
        int keyring = keyrings.create();
        int key = KEYCTL.addKey("user", "keyport-test:invalidate", bytes("x"), keyring);

        KEYCTL.invalidate(key);
        KeyctlException e = assertThrows(KeyctlException.class, () -> KEYCTL.read(key));

        assertTrue("errno " + e.errno(), e.mayBeGone());
    }

    @Test
    public void expiredKeyFailsWithEkeyexpired() throws InterruptedException {
        int keyring = keyrings.create();
        int key = KEYCTL.addKey("user", "keyport-test:timeout", bytes("x"), keyring);

        KEYCTL.setTimeout(key, 1);
        Thread.sleep(2100);
        KeyctlException e = assertThrows(KeyctlException.class, () -> KEYCTL.read(key));

        assertEquals(Errno.EKEYEXPIRED, e.errno());
        assertTrue(e.isGone());
        assertTrue(e.getMessage(), e.getMessage().contains("expired underneath Keyport"));
    }

    @Test
    public void userPayloadAboveMaximumFailsWithEinval() {
        int keyring = keyrings.create();
        byte[] payload = new byte[KeyctlSyscalls.USER_PAYLOAD_MAX + 1];

        KeyctlException e = assertThrows(
                KeyctlException.class, () -> KEYCTL.addKey("user", "keyport-test:too-large", payload, keyring));

        assertEquals(Errno.EINVAL, e.errno());
    }

    @Test
    public void readOfUnknownSerialFails() {
        KeyctlException e = assertThrows(KeyctlException.class, () -> KEYCTL.read(Integer.MAX_VALUE - 11));

        assertTrue("errno " + e.errno(), e.errno() == Errno.ENOKEY || e.errno() == Errno.EACCES);
        assertTrue(e.getMessage(), e.getMessage().startsWith("keyctl read of key " + (Integer.MAX_VALUE - 11)));
    }

    @Test
    public void bigKeyIsAddedOrMissingWithEnodev() {
        int keyring = keyrings.create();
        byte[] payload = new byte[64 * 1024];
        payload[0] = 1;

        try {
            int key = KEYCTL.addKey("big_key", "keyport-test:big", payload, keyring);
            assertArrayEquals(payload, KEYCTL.read(key));
        } catch (KeyctlException e) {
            assertEquals(Errno.ENODEV, e.errno());
        }
    }

    @Test
    public void userKeyringResolvesToKeyring() {
        int serial = KEYCTL.keyringSerial(KeyctlSyscalls.USER_KEYRING, true);

        assertEquals("keyring", KEYCTL.describe(serial).type());
    }

    @Test
    public void quotaErrorNamesSysctlFiles() {
        KeyctlException e = new KeyctlException("add_key of a user key into keyring 5", Errno.EDQUOT);

        assertTrue(e.getMessage(), e.getMessage().contains("the kernel key quota is exhausted"));
        assertTrue(e.getMessage(), e.getMessage().contains("/proc/sys/kernel/keys/maxkeys and maxbytes"));
        assertTrue(e.getMessage(), e.getMessage().endsWith("(EDQUOT)"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
