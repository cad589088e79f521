package io.keyport.itests.storage;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import io.keyport.itests.CommandResult;
import io.keyport.itests.KeyportProcess;
import io.keyport.itests.Sandbox;
import io.keyport.itests.storage.SecretClient.FoundItem;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Secrets in login outlive a SIGTERM and a restart with {@code --unlock-stdin}. */
public class FileStorePersistenceIT extends FileStoreTestSupport {

    @Test
    public void secretToolFindsSecretAfterRestart() throws Exception {
        Sandbox sandbox = sandboxWithBus();
        KeyportProcess first = startUnlocked(sandbox);
        CommandResult stored =
                secretTool(sandbox, "hunter2", "store", "--label=persisted", "service", "persistence", "user", "alice");
        int exitStatus = first.terminate();
        startUnlocked(sandbox);

        assertEquals(stored.describe(), 0, stored.exitStatus());
        assertEquals(first.describe(), 0, exitStatus);
        assertEquals("hunter2", lookup(sandbox, "service", "persistence", "user", "alice"));
    }

    @Test
    public void binarySecretKeepsContentType() throws Exception {
        byte[] secret = new byte[300];
        new SecureRandom().nextBytes(secret);
        // Bytes that a text round trip would change: NUL, a newline, invalid UTF-8.
        secret[0] = 0;
        secret[1] = '\n';
        secret[2] = (byte) 0xff;
        Map<String, String> attributes = Map.of("persistence", "binary");
        Sandbox sandbox = sandboxWithBus();
        KeyportProcess first = startUnlocked(sandbox);
        secretClient(sandbox).store(DEFAULT_ALIAS_PATH, "binary", attributes, secret, "application/octet-stream");
        first.terminate();
        startUnlocked(sandbox);

        List<FoundItem> found = secretClient(sandbox).search(attributes);

        assertEquals(found.toString(), 1, found.size());
        assertArrayEquals(secret, found.get(0).secret());
        assertEquals("application/octet-stream", found.get(0).contentType());
    }
}
