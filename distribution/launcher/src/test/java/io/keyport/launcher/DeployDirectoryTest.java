package io.keyport.launcher;

import static org.junit.Assert.assertEquals;

import java.nio.file.Path;
import java.util.Dictionary;
import org.junit.Test;

public class DeployDirectoryTest {

    @Test
    public void watcherTakesJarsOnly() {
        Dictionary<String, Object> properties = DeployDirectory.watcherProperties(Path.of("/opt/keyport/deploy"), 3);

        assertEquals("/opt/keyport/deploy", properties.get("felix.fileinstall.dir"));
        assertEquals(".*\\.jar", properties.get("felix.fileinstall.filter"));
        assertEquals("true", properties.get("felix.fileinstall.bundles.new.start"));
    }

    @Test
    public void deployedBundlesStartAtFinalLevel() {
        Dictionary<String, Object> properties = DeployDirectory.watcherProperties(Path.of("/d"), 3);

        assertEquals("3", properties.get("felix.fileinstall.start.level"));
        assertEquals("3", properties.get("felix.fileinstall.active.level"));
    }
}
