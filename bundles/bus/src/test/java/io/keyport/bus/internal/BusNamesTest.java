package io.keyport.bus.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

public class BusNamesTest {

    @Test
    public void wellKnownNamesAccepted() {
        for (String name : List.of("org.freedesktop.secrets", "io.keyport.Test", "a.b", "org._x-y.Z9")) {
            assertTrue(name, BusNames.isWellKnown(name));
        }
    }

    @Test
    public void malformedNamesRejected() {
        List<String> malformed = List.of(
                "",
                "secrets",
                ":1.42",
                "org..secrets",
                ".org.secrets",
                "org.secrets.",
                "org.9secrets",
                "org.free desktop",
                "org.freedesktop.secrets\n",
                "org.ünicode",
                "a." + "b".repeat(254));
        for (String name : malformed) {
            assertFalse(name, BusNames.isWellKnown(name));
        }
    }
}
