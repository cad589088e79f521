package io.keyport.prompter.gui.internal;

import io.keyport.api.prompt.Caller;
import io.keyport.api.prompt.PromptKind;
import io.keyport.api.prompt.PromptReply;
import io.keyport.api.prompt.PromptRequest;
import java.awt.AWTException;
import java.awt.Component;
import java.awt.MouseInfo;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.swing.JDialog;
import javax.swing.SwingUtilities;

/**
 * Runs one dialog scenario in a JVM whose {@code DISPLAY} is an Xvfb server: asks through {@link SwingPrompter},
 * drives the dialog with {@link Robot}, saves a screenshot, and prints the reply as {@code REPLY <text>}.
 */
public final class DialogDriver {

    static final Caller CALLER = new Caller(":1.42", 1000, 4242, "/usr/bin/secret-tool");

    /** Screen coordinate at which a dialog is placed before a click, away from the corner that Swing reports. */
    private static final int CLICK_ORIGIN = 150;

    private final Robot robot;

    private DialogDriver() throws AWTException {
        robot = new Robot();
        robot.setAutoDelay(20);
    }

    /** Arguments: scenario name, screenshot directory. */
    public static void main(String[] args) throws Exception {
        String scenario = args[0];
        Path screenshots = Path.of(args[1]);
        Files.createDirectories(screenshots);
        try {
            System.out.println("REPLY " + new DialogDriver().run(scenario, screenshots));
            System.exit(0);
        } catch (Throwable failure) {
            // The event dispatch thread would keep this JVM alive, so exit to report the failure at once.
            failure.printStackTrace(System.out);
            System.exit(1);
        }
    }

    private String run(String scenario, Path screenshots) throws Exception {
        SwingPrompter prompter = new SwingPrompter();
        if (!prompter.isAvailable()) {
            return "unavailable: " + prompter.unavailableReason();
        }
        PromptKind kind = switch (scenario) {
            case "unlock", "unlock-dismiss" -> PromptKind.PASSPHRASE;
            case "new-passphrase", "new-passphrase-mismatch" -> PromptKind.NEW_PASSPHRASE;
            default -> PromptKind.CONFIRMATION;
        };
        String operation = kind == PromptKind.CONFIRMATION ? "reading the secret of" : "unlock";
        PromptRequest request = new PromptRequest(kind, operation, "login", CALLER, "0x3a00007", "");
        CompletableFuture<PromptReply> future = prompter.ask(request);
        JDialog dialog = awaitDialog();
        if (kind != PromptKind.CONFIRMATION) {
            awaitFocus(dialog, PromptDialog.PASSPHRASE);
        }
        switch (scenario) {
            case "unlock" -> {
                type("correct horse 42");
                capture(dialog, screenshots.resolve("unlock.png"));
                key(KeyEvent.VK_ENTER);
            }
            case "unlock-dismiss" -> closeWindow(dialog);
            case "new-passphrase" -> {
                type("new secret 7");
                key(KeyEvent.VK_TAB);
                type("new secret 7");
                capture(dialog, screenshots.resolve("new-passphrase.png"));
                key(KeyEvent.VK_ENTER);
            }
            case "new-passphrase-mismatch" -> {
                type("first");
                key(KeyEvent.VK_TAB);
                type("second");
                key(KeyEvent.VK_ENTER);
                robot.waitForIdle();
                capture(dialog, screenshots.resolve("new-passphrase-mismatch.png"));
                if (future.isDone()) {
                    return "completed after a mismatch: " + describe(future.get());
                }
                type("same");
                key(KeyEvent.VK_TAB);
                type("same");
                key(KeyEvent.VK_ENTER);
            }
            case "confirm-deny" -> {
                capture(dialog, screenshots.resolve("confirmation.png"));
                click(dialog, PromptDialog.DENY);
            }
            case "confirm-once" -> click(dialog, PromptDialog.ALLOW_ONCE);
            case "confirm-always" -> click(dialog, PromptDialog.ALLOW_ALWAYS);
            case "cancel-future" -> {
                future.cancel(true);
                for (int i = 0; i < 100 && dialogShowing(); i++) {
                    Thread.sleep(50);
                }
                return dialogShowing() ? "dialog still open" : "dialog closed";
            }
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        }
        try {
            return describe(future.get(10, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            return "no reply within 10 s; " + state();
        }
    }

    private static String describe(PromptReply reply) {
        if (reply.isDismissed()) {
            return "dismissed";
        }
        try (reply) {
            return "passphrase " + new String(reply.passphrase().copyBytes(), StandardCharsets.UTF_8);
        } catch (IllegalStateException noPassphrase) {
            return reply.isAlways() ? "confirmed always" : "confirmed";
        }
    }

    private static JDialog awaitDialog() throws Exception {
        for (int i = 0; i < 200; i++) {
            AtomicReference<JDialog> found = new AtomicReference<>();
            SwingUtilities.invokeAndWait(() -> {
                for (Window window : Window.getWindows()) {
                    if (window instanceof JDialog dialog && dialog.isShowing() && dialog.isFocused()) {
                        found.set(dialog);
                    }
                }
            });
            if (found.get() != null) {
                Thread.sleep(200);
                return found.get();
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no focused dialog appeared within 10 s");
    }

    /** Waits until the named field owns the keyboard focus, so that typed keys reach it. */
    private static void awaitFocus(JDialog dialog, String name) throws Exception {
        for (int i = 0; i < 200; i++) {
            AtomicReference<Boolean> focused = new AtomicReference<>(false);
            SwingUtilities.invokeAndWait(
                    () -> focused.set(SwingDialogDriver.find(dialog, name).isFocusOwner()));
            if (focused.get()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(
                "focus timed out: the field " + name + " did not get it within 10 s; " + state());
    }

    private static boolean dialogShowing() throws Exception {
        AtomicReference<Boolean> showing = new AtomicReference<>(false);
        SwingUtilities.invokeAndWait(() -> {
            for (Window window : Window.getWindows()) {
                if (window instanceof JDialog && window.isShowing()) {
                    showing.set(true);
                }
            }
        });
        return showing.get();
    }

    private void type(String text) {
        for (char c : text.toCharArray()) {
            key(KeyEvent.getExtendedKeyCodeForChar(c));
        }
    }

    private void key(int code) {
        robot.keyPress(code);
        robot.keyRelease(code);
    }

    /**
     * Clicks a button the way a user does. The pointer first leaves the dialog, so that the move onto the button
     * produces enter and motion events even when a previous run left the pointer on the same spot.
     */
    private void click(JDialog dialog, String name) throws Exception {
        // Without a window manager, a click at the position Swing reports for a new dialog can miss it. Moving the
        // dialog makes Swing's position and the X server's agree.
        SwingUtilities.invokeAndWait(() -> dialog.setLocation(CLICK_ORIGIN, CLICK_ORIGIN));
        robot.waitForIdle();
        Rectangle bounds = settledBounds(dialog, name);
        robot.mouseMove(1, 1);
        robot.waitForIdle();
        robot.mouseMove((int) bounds.getCenterX(), (int) bounds.getCenterY());
        robot.waitForIdle();
        robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
        robot.waitForIdle();
    }

    /**
     * Returns the button's bounds on the screen once three readings 100 ms apart agree. On a loaded machine a
     * click at the first reading can land far from the centred dialog, because the window may still be moving.
     */
    private static Rectangle settledBounds(JDialog dialog, String name) throws Exception {
        Rectangle previous = null;
        int agreeing = 0;
        for (int i = 0; i < 100 && agreeing < 2; i++) {
            AtomicReference<Rectangle> bounds = new AtomicReference<>();
            SwingUtilities.invokeAndWait(() -> {
                Component button = SwingDialogDriver.find(dialog, name);
                bounds.set(new Rectangle(button.getLocationOnScreen(), button.getSize()));
            });
            agreeing = bounds.get().equals(previous) ? agreeing + 1 : 0;
            previous = bounds.get();
            Thread.sleep(100);
        }
        return previous;
    }

    /** Describes the pointer position and every window, for the output of a failed scenario. */
    private static String state() throws Exception {
        StringBuilder text =
                new StringBuilder("pointer at " + MouseInfo.getPointerInfo().getLocation());
        SwingUtilities.invokeAndWait(() -> {
            for (Window window : Window.getWindows()) {
                text.append("; window ")
                        .append(window.getClass().getSimpleName())
                        .append(" showing=")
                        .append(window.isShowing())
                        .append(" focused=")
                        .append(window.isFocused())
                        .append(" bounds=")
                        .append(window.getBounds());
            }
        });
        return text.toString();
    }

    private void closeWindow(JDialog dialog) throws Exception {
        SwingUtilities.invokeAndWait(() -> dialog.dispatchEvent(
                new java.awt.event.WindowEvent(dialog, java.awt.event.WindowEvent.WINDOW_CLOSING)));
    }

    private void capture(JDialog dialog, Path file) throws Exception {
        robot.waitForIdle();
        Thread.sleep(200);
        AtomicReference<Rectangle> bounds = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> bounds.set(dialog.getBounds()));
        BufferedImage image = robot.createScreenCapture(bounds.get());
        try {
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("could not save " + file, e);
        }
    }
}
