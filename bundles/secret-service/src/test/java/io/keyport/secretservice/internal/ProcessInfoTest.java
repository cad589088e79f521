package io.keyport.secretservice.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;
import org.junit.Test;

public class ProcessInfoTest {

    @Test
    public void flatpakAppIdFromApplicationGroup() {
        List<String> info = List.of(
                "[Runtime]",
                "name=org.freedesktop.Platform",
                "",
                "[Application]",
                "names=x",
                "name = com.example.Chat",
                "runtime=runtime/org.freedesktop.Platform/x86_64/23.08");
        assertEquals("com.example.Chat", ProcessInfo.flatpakAppId(info));
    }

    @Test
    public void noFlatpakInfo() {
        assertEquals("", ProcessInfo.flatpakAppId(List.of()));
        assertEquals("", ProcessInfo.flatpakAppId(List.of("[Runtime]", "name=org.freedesktop.Platform")));
    }

    @Test
    public void systemdUnitFromUnifiedHierarchy() {
        assertEquals(
                "app-org.gnome.Terminal.slice-vte-spawn-1.scope",
                ProcessInfo.systemdUnit(List.of("0::/user.slice/user-1000.slice/user@1000.service/app.slice/"
                        + "app-org.gnome.Terminal.slice-vte-spawn-1.scope")));
        assertEquals(
                "keyport.service",
                ProcessInfo.systemdUnit(
                        List.of("0::/user.slice/user-1000.slice/user@1000.service/app.slice/keyport.service")));
    }

    @Test
    public void systemdUnitFromLegacyHierarchy() {
        assertEquals(
                "ssh.service",
                ProcessInfo.systemdUnit(List.of("12:cpu:/x", "1:name=systemd:/system.slice/ssh.service")));
    }

    @Test
    public void noUnitOutsideSystemd() {
        assertEquals("", ProcessInfo.systemdUnit(List.of("0::/")));
    }
}
