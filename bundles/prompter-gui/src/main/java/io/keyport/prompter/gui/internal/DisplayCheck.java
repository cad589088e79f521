package io.keyport.prompter.gui.internal;

import java.awt.AWTError;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Decides whether Swing can show a dialog now: {@code DISPLAY} or {@code WAYLAND_DISPLAY} is set, AWT does not
 * run headless, and a connection to the X server works.
 */
final class DisplayCheck {

    private final Function<String, String> environment;
    private final Supplier<Boolean> headless;
    private final Supplier<String> connect;
    private volatile boolean connected;

    /** Checks the process environment and the real AWT toolkit. */
    DisplayCheck() {
        this(System::getenv, GraphicsEnvironment::isHeadless, DisplayCheck::connectToX);
    }

    /**
     * @param environment returns an environment variable, or {@code null} when unset
     * @param headless returns whether AWT runs headless
     * @param connect opens the X connection and returns an empty string, or the reason it failed
     */
    DisplayCheck(Function<String, String> environment, Supplier<Boolean> headless, Supplier<String> connect) {
        this.environment = environment;
        this.headless = headless;
        this.connect = connect;
    }

    /** Returns why no dialog can be shown, or an empty string when one can. */
    String unavailableReason() {
        String display = value("DISPLAY");
        String wayland = value("WAYLAND_DISPLAY");
        if (display.isEmpty() && wayland.isEmpty()) {
            return "no display: neither DISPLAY nor WAYLAND_DISPLAY is set in Keyport's environment";
        }
        if (display.isEmpty()) {
            return "WAYLAND_DISPLAY is set but DISPLAY is not, and Swing needs an X server such as Xwayland";
        }
        if (headless.get()) {
            return "Java runs headless (java.awt.headless=true), so Swing cannot open windows on " + display;
        }
        if (connected) {
            return "";
        }
        String failure = connect.get();
        if (!failure.isEmpty()) {
            return "cannot connect to the X display " + display + ": " + failure;
        }
        connected = true;
        return "";
    }

    private String value(String name) {
        String value = environment.apply(name);
        return value == null ? "" : value.trim();
    }

    // NOTE: after the X server that AWT connected to goes away, Xlib's I/O error handler ends the JVM, and a
    // failed first connection leaves AWT unusable until Keyport restarts.
    private static String connectToX() {
        try {
            GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice();
            return "";
        } catch (AWTError | HeadlessException | LinkageError e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        }
    }
}
