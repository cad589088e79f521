package io.keyport.secretservice.internal;

import java.util.List;

/** Parses the {@code /proc} files that name a caller's Flatpak app id and systemd unit. */
final class ProcessInfo {

    private ProcessInfo() {}

    /**
     * Returns the {@code name} key of the {@code [Application]} group of a {@code .flatpak-info} file (a GLib
     * key file), or an empty string.
     */
    static String flatpakAppId(List<String> lines) {
        boolean inApplication = false;
        for (String line : lines) {
            String trimmed = line.trim();
            if (trimmed.startsWith("[")) {
                inApplication = trimmed.equals("[Application]");
            } else if (inApplication && trimmed.indexOf('=') > 0) {
                int equals = trimmed.indexOf('=');
                if (trimmed.substring(0, equals).trim().equals("name")) {
                    return trimmed.substring(equals + 1).trim();
                }
            }
        }
        return "";
    }

    /**
     * Returns the innermost systemd unit ({@code .service} or {@code .scope}) in a {@code /proc/PID/cgroup}
     * file, or an empty string. Only the unified hierarchy line ({@code 0::PATH}) and the systemd named
     * hierarchy are read.
     */
    static String systemdUnit(List<String> lines) {
        for (String line : lines) {
            if (!line.startsWith("0::") && !line.contains(":name=systemd:")) {
                continue;
            }
            String path = line.substring(line.indexOf(':', line.indexOf(':') + 1) + 1);
            String[] parts = path.split("/");
            for (int i = parts.length - 1; i >= 0; i--) {
                if (parts[i].endsWith(".service") || parts[i].endsWith(".scope")) {
                    return parts[i];
                }
            }
        }
        return "";
    }
}
