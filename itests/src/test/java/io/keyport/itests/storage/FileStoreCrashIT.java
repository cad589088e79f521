package io.keyport.itests.storage;

import static org.junit.Assert.assertEquals;

import io.keyport.itests.KeyportProcess;
import io.keyport.itests.Sandbox;
import io.keyport.itests.storage.CreateStream.Acknowledgement;
import io.keyport.itests.storage.SecretClient.ExpectedItem;
import io.keyport.itests.storage.SecretClient.Verification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * SIGKILL in the middle of a stream of CreateItem calls loses no item that Keyport acknowledged, because the file
 * store forces each record to disk before the reply.
 */
public class FileStoreCrashIT extends FileStoreTestSupport {

    private static final int ROUNDS = 3;

    /** Acknowledgements to wait for before the kill, so that the kill lands while creates are in flight. */
    private static final int ACKNOWLEDGEMENTS_BEFORE_KILL = 200;

    @Test
    public void acknowledgedItemsSurviveKill() throws Exception {
        Sandbox sandbox = sandboxWithBus();
        KeyportProcess keyport = startUnlocked(sandbox);
        List<ExpectedItem> acknowledged = new ArrayList<>();

        for (int round = 1; round <= ROUNDS; round++) {
            CreateStream stream = createStream(sandbox, LOGIN_PATH, "round" + round);
            stream.awaitAcknowledgements(ACKNOWLEDGEMENTS_BEFORE_KILL, keyport::describe);
            keyport.kill();
            for (Acknowledgement acknowledgement : stream.finish()) {
                acknowledged.add(new ExpectedItem(
                        Map.of("crash-id", acknowledgement.crashId()),
                        acknowledgement.secret().getBytes(StandardCharsets.US_ASCII),
                        acknowledgement.path()));
            }

            // The sandbox's bus outlives the kill, so the restarted Keyport owns the name on it again.
            keyport = startUnlocked(sandbox);
            Verification verification = secretClient(sandbox).verify(LOGIN_PATH, acknowledged);

            String context = "After kill " + round + " of " + ROUNDS + ", of " + verification.checked()
                    + " acknowledged items, these ";
            assertEquals(context + "were not found", List.of(), verification.missing());
            assertEquals(context + "had another secret", List.of(), verification.wrong());
            assertEquals(context + "were found at another path", List.of(), verification.moved());
        }
    }
}
