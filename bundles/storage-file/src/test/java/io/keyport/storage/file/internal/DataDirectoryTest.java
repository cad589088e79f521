package io.keyport.storage.file.internal;

import static org.junit.Assert.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.Test;

public class DataDirectoryTest {

    private static Path resolve(String configured, Map<String, String> properties, Map<String, String> environment) {
        return DataDirectory.resolve(configured, "file", properties::get, environment::get, "/home/ann");
    }

    @Test
    public void frameworkPropertyComesFirst() {
        assertEquals(
                Path.of("/srv/keyport/file"),
                resolve("", Map.of("keyport.data.dir", "/srv/keyport"), Map.of("XDG_DATA_HOME", "/x")));
    }

    @Test
    public void xdgDataHomeIsNext() {
        assertEquals(Path.of("/x/keyport/file"), resolve("", Map.of(), Map.of("XDG_DATA_HOME", "/x")));
    }

    @Test
    public void relativeXdgDataHomeIsIgnored() {
        assertEquals(
                Path.of("/home/ann/.local/share/keyport/file"),
                resolve("", Map.of(), Map.of("XDG_DATA_HOME", "relative")));
    }

    @Test
    public void homeIsTheFallback() {
        assertEquals(Path.of("/home/ann/.local/share/keyport/file"), resolve("", Map.of(), Map.of()));
    }

    @Test
    public void configuredPathsResolveAgainstDataDirectory() {
        Map<String, String> properties = Map.of("keyport.data.dir", "/srv/keyport");

        assertEquals(Path.of("/var/lib/store"), resolve("/var/lib/store", properties, Map.of()));
        assertEquals(Path.of("/srv/keyport/work"), resolve("work", properties, Map.of()));
        assertEquals(Path.of("/srv/keyport/other"), resolve("${keyport.data.dir}/other", properties, Map.of()));
    }
}
