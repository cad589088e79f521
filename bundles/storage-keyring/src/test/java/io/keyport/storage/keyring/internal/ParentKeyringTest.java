package io.keyport.storage.keyring.internal;

import static io.keyport.storage.keyring.internal.KernelKeyringEngineTest.keysByDescription;
import static io.keyport.storage.keyring.internal.KernelKeyringEngineTest.secret;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.After;
import org.junit.Test;

/**
 * Engines on the real user and session keyrings, with engine names of their own so that nothing else is touched.
 * Every key below them is invalidated afterwards.
 */
public class ParentKeyringTest {

    private static final KeyctlSyscalls KEYCTL = TestKeyrings.KEYCTL;

    private final String name = "test_" + UUID.randomUUID().toString().replace("-", "");
    private KernelKeyringEngine engine;

    @After
    public void removeKeys() {
        if (engine != null) {
            engine.close();
        }
        for (int parent : new int[] {KeyctlSyscalls.USER_KEYRING, KeyctlSyscalls.SESSION_KEYRING}) {
            int serial = KEYCTL.keyringSerial(parent, false);
            for (int key : TestKeyrings.listOrEmpty(serial)) {
                try {
                    if (KEYCTL.describe(key).description().startsWith("keyport:collection:" + name + ":")) {
                        for (int child : TestKeyrings.listOrEmpty(key)) {
                            KEYCTL.invalidate(child);
                        }
                        KEYCTL.invalidate(key);
                    }
                } catch (KeyctlException e) {
                    // A key of someone else that this process may not describe, or one that is gone already.
                }
            }
        }
    }

    @Test
    public void userKeyringKeysGrantOwningUser() {
        engine = start(KeyctlSyscalls.USER_KEYRING);
        engine.collection("kernel").createItem("Mail", Map.of(), secret("x"), false);

        int keyring = engine.collection("kernel").keyringSerial();

        assertEquals(KEYCTL.keyringSerial(KeyctlSyscalls.USER_KEYRING, false), engine.parentSerial());
        assertEquals(KernelKeys.POSSESSOR_AND_USER, KEYCTL.describe(keyring).permissions());
        for (int key : keysByDescription(keyring).values()) {
            assertEquals(KernelKeys.POSSESSOR_AND_USER, KEYCTL.describe(key).permissions());
        }
    }

    @Test
    public void sessionKeyringKeysKeepDefaultPermissions() {
        engine = start(KeyctlSyscalls.SESSION_KEYRING);
        engine.collection("kernel").createItem("Mail", Map.of(), secret("x"), false);

        int keyring = engine.collection("kernel").keyringSerial();

        assertEquals(KEYCTL.keyringSerial(KeyctlSyscalls.SESSION_KEYRING, false), engine.parentSerial());
        for (int key : keysByDescription(keyring).values()) {
            assertEquals(0x3f010000, KEYCTL.describe(key).permissions());
        }
    }

    @Test
    public void userKeyringCollectionSurvivesRestart() {
        engine = start(KeyctlSyscalls.USER_KEYRING);
        engine.collection("kernel").createItem("Mail", Map.of("k", "v"), secret("x"), false);
        engine.close();

        engine = start(KeyctlSyscalls.USER_KEYRING);

        assertEquals(List.of("1"), engine.collection("kernel").search(Map.of("k", "v")));
        engine.collection("kernel").delete();
        assertTrue(engine.collections().isEmpty());
    }

    private KernelKeyringEngine start(int parent) {
        return new KernelKeyringEngine(
                new KeyringSettings(name, parent, Map.of("kernel", "Kernel"), 0, false, 0), KEYCTL);
    }
}
