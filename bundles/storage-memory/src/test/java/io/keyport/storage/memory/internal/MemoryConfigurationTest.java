package io.keyport.storage.memory.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.Test;

public class MemoryConfigurationTest {

    @Test
    public void invalidIdIsRejected() {
        assertFalse(MemoryStorageEngine.parse(Map.of("collections", "bad id=Label"), "unused")
                .isPresent());
    }

    @Test
    public void changeAddsAndRemovesCollections() {
        MemoryStorageEngine engine = new MemoryStorageEngine(
                Map.of("keyport.engine.name", "session", "collections", new String[] {"one=One", "two=Two"}));

        engine.modified(Map.of("keyport.engine.name", "session", "collections", new String[] {"two=Two", "three"}));

        assertEquals(
                List.of("three", "two"),
                engine.collections().stream().map(c -> c.id()).sorted().toList());
    }

    @Test
    public void invalidChangeKeepsCollections() {
        MemoryStorageEngine engine = new MemoryStorageEngine(Map.of("collections", new String[] {"one=One"}));

        engine.modified(Map.of("collections", new String[] {"one=One", "bad id"}));

        assertEquals(1, engine.collections().size());
        assertTrue(engine.collections().get(0).id().equals("one"));
    }
}
