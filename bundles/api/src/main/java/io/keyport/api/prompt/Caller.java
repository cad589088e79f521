package io.keyport.api.prompt;

import java.util.Objects;

/**
 * The client on whose behalf Keyport asks: its unique bus name, and the uid, pid and executable that the
 * bus daemon and {@code /proc} report. {@code uid} and {@code pid} are -1 and {@code executable} is empty
 * when unknown.
 */
public record Caller(String busName, long uid, long pid, String executable) {

    public Caller {
        Objects.requireNonNull(busName, "busName");
        Objects.requireNonNull(executable, "executable");
    }

    /** Returns a one-line description such as {@code :1.42 (pid 1234, /usr/bin/secret-tool)}. */
    public String describe() {
        StringBuilder text = new StringBuilder(busName);
        if (pid >= 0) {
            text.append(" (pid ").append(pid);
            if (!executable.isEmpty()) {
                text.append(", ").append(executable);
            }
            text.append(')');
        }
        return text.toString();
    }
}
