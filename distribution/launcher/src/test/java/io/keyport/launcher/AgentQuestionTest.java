package io.keyport.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.util.List;
import org.junit.Test;

public class AgentQuestionTest {

    @Test
    public void askLineDecoded() throws Exception {
        AgentQuestion question = AgentQuestion.parse(
                List.of("ASK", "7", "NEW_PASSPHRASE", "Create%20collection", "Work", ":1.42%20(pid%204711)", "-"));

        assertEquals(
                new AgentQuestion(7, "NEW_PASSPHRASE", "Create collection", "Work", ":1.42 (pid 4711)", ""), question);
    }

    @Test
    public void unknownKindRejected() {
        assertThrows(
                IOException.class, () -> AgentQuestion.parse(List.of("ASK", "7", "PIN", "Unlock", "Work", "x", "-")));
    }

    @Test
    public void missingFieldRejected() {
        assertThrows(IOException.class, () -> AgentQuestion.parse(List.of("ASK", "7", "PASSPHRASE", "Unlock")));
    }

    @Test
    public void invalidIdRejected() {
        assertThrows(
                IOException.class,
                () -> AgentQuestion.parse(List.of("ASK", "x", "PASSPHRASE", "Unlock", "Work", "x", "-")));
    }
}
