package io.keyport.prompter.gui.internal;

import io.keyport.api.prompt.PromptKind;
import io.keyport.contract.prompt.PrompterDriver;
import io.keyport.contract.prompt.ShownQuestion;
import java.awt.Component;
import java.awt.Container;
import java.awt.Window;
import java.awt.event.WindowEvent;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.AbstractButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPasswordField;
import javax.swing.SwingUtilities;

/**
 * A user of the Swing prompter, for the prompter contract. It finds the dialogs among the JVM's windows, then fills
 * fields and presses buttons through Swing on the event dispatch thread, so characters that the Xvfb keyboard
 * layout lacks still reach the field. {@link SwingPrompterTest} covers typing and clicking.
 */
final class SwingDialogDriver implements PrompterDriver {

    private final Map<JDialog, Boolean> reported = new IdentityHashMap<>();
    private final Map<String, JDialog> dialogs = new HashMap<>();

    @Override
    public ShownQuestion awaitQuestion(long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        do {
            AtomicReference<ShownQuestion> found = new AtomicReference<>();
            SwingUtilities.invokeAndWait(() -> found.set(newQuestion()));
            if (found.get() != null) {
                return found.get();
            }
            Thread.sleep(20);
        } while (System.currentTimeMillis() < deadline);
        return null;
    }

    @Override
    public void answerPassphrase(ShownQuestion question, String passphrase) throws Exception {
        JDialog dialog = dialog(question);
        SwingUtilities.invokeAndWait(() -> {
            field(dialog, PromptDialog.PASSPHRASE).setText(passphrase);
            JPasswordField repeat = (JPasswordField) find(dialog, PromptDialog.REPEAT);
            if (repeat != null) {
                repeat.setText(passphrase);
            }
            button(dialog, PromptDialog.OK).doClick();
        });
    }

    @Override
    public void confirm(ShownQuestion question) throws Exception {
        JDialog dialog = dialog(question);
        SwingUtilities.invokeAndWait(
                () -> button(dialog, PromptDialog.ALLOW_ONCE).doClick());
    }

    @Override
    public void dismiss(ShownQuestion question) throws Exception {
        JDialog dialog = dialog(question);
        String name = question.kind() == PromptKind.CONFIRMATION ? PromptDialog.DENY : PromptDialog.CANCEL;
        SwingUtilities.invokeAndWait(() -> button(dialog, name).doClick());
    }

    @Override
    public boolean awaitWithdrawn(ShownQuestion question, long timeoutMillis) throws Exception {
        JDialog dialog = dialog(question);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        do {
            AtomicReference<Boolean> showing = new AtomicReference<>();
            SwingUtilities.invokeAndWait(() -> showing.set(dialog.isShowing()));
            if (!showing.get()) {
                return true;
            }
            Thread.sleep(20);
        } while (System.currentTimeMillis() < deadline);
        return false;
    }

    /**
     * Closes every open dialog through its window's close button, as the window manager does when the desktop
     * session ends. Losing the X connection itself cannot be tested in one JVM, because Xlib ends the process then.
     */
    @Override
    public void close() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            for (Window window : Window.getWindows()) {
                if (window instanceof JDialog dialog && dialog.isShowing()) {
                    dialog.dispatchEvent(new WindowEvent(dialog, WindowEvent.WINDOW_CLOSING));
                }
            }
        });
    }

    /** Returns the first showing dialog not reported yet, or {@code null}. Runs on the event dispatch thread. */
    private ShownQuestion newQuestion() {
        for (Window window : Window.getWindows()) {
            if (window instanceof JDialog dialog && dialog.isShowing() && !reported.containsKey(dialog)) {
                reported.put(dialog, true);
                String handle = Integer.toHexString(System.identityHashCode(dialog));
                dialogs.put(handle, dialog);
                return new ShownQuestion(handle, kind(dialog), target(dialog));
            }
        }
        return null;
    }

    private JDialog dialog(ShownQuestion question) {
        JDialog dialog = dialogs.get(question.handle());
        if (dialog == null) {
            throw new IllegalArgumentException("no dialog was reported with the handle " + question.handle());
        }
        return dialog;
    }

    private static PromptKind kind(JDialog dialog) {
        if (find(dialog, PromptDialog.REPEAT) != null) {
            return PromptKind.NEW_PASSPHRASE;
        }
        return find(dialog, PromptDialog.PASSPHRASE) != null ? PromptKind.PASSPHRASE : PromptKind.CONFIRMATION;
    }

    /** Returns the text between the quotation marks of the dialog's question, which is the collection's label. */
    private static String target(Container container) {
        for (Component child : container.getComponents()) {
            if (child instanceof JLabel label) {
                String text = label.getText();
                int open = text.indexOf('\u201c');
                int end = text.lastIndexOf('\u201d');
                if (open >= 0 && end > open) {
                    return text.substring(open + 1, end);
                }
            }
            if (child instanceof Container inner) {
                String found = target(inner);
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return "";
    }

    private static JPasswordField field(JDialog dialog, String name) {
        Component field = find(dialog, name);
        if (!(field instanceof JPasswordField password)) {
            throw new IllegalStateException("the dialog has no password field named " + name);
        }
        return password;
    }

    private static AbstractButton button(JDialog dialog, String name) {
        Component button = find(dialog, name);
        if (!(button instanceof AbstractButton found)) {
            throw new IllegalStateException("the dialog has no button named " + name);
        }
        return found;
    }

    /** Returns the component named {@code name} inside {@code container}, or {@code null}. */
    static Component find(Container container, String name) {
        for (Component child : container.getComponents()) {
            if (name.equals(child.getName())) {
                return child;
            }
            if (child instanceof Container inner) {
                Component found = find(inner, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
