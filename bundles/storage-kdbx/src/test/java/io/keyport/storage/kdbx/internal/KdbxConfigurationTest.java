package io.keyport.storage.kdbx.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class KdbxConfigurationTest {

    @Test
    public void missingPathIsRejected() {
        assertFalse(KdbxStorageComponent.parse(Map.of("name", "work"), "unused").isPresent());
    }

    @Test
    public void relativePathIsRejected() {
        assertFalse(KdbxStorageComponent.parse(Map.of("name", "work", "path", "work.kdbx"), "unused")
                .isPresent());
    }

    @Test
    public void negativePollIsRejected() {
        assertFalse(KdbxStorageComponent.parse(Map.of("path", "/tmp/w.kdbx", "poll.millis", "-1"), "unused")
                .isPresent());
    }

    @Test
    public void validConfigurationParses() {
        Optional<KdbxStorageComponent.Settings> settings = KdbxStorageComponent.parse(
                Map.of("name", "work", "path", "/tmp/work.kdbx", "kdf.max.memory.mib", "64"), "unused");

        assertTrue(settings.isPresent());
        assertEquals(Path.of("/tmp/work.kdbx"), settings.get().kdbx().file());
        assertEquals(64, settings.get().kdbx().maxKdfMemoryMiB());
    }
}
