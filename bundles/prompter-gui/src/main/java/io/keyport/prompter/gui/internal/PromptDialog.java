package io.keyport.prompter.gui.internal;

import io.keyport.api.prompt.PromptKind;
import io.keyport.api.prompt.PromptReply;
import io.keyport.api.prompt.PromptRequest;
import io.keyport.api.secret.SecretValue;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.FlowLayout;
import java.awt.GridLayout;
import java.awt.event.FocusAdapter;
import java.awt.event.FocusEvent;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.KeyStroke;
import javax.swing.WindowConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Swing dialog for one question: who asks, for what, and the passphrase fields or the allow and deny buttons.
 * It is created, shown and closed on the event dispatch thread only, and hands exactly one reply to its consumer.
 */
final class PromptDialog {

    private static final Logger LOG = LoggerFactory.getLogger(PromptDialog.class);

    static final String PASSPHRASE = "passphrase";
    static final String REPEAT = "repeat";
    static final String OK = "ok";
    static final String CANCEL = "cancel";
    static final String ALLOW_ONCE = "allowOnce";
    static final String ALLOW_ALWAYS = "allowAlways";
    static final String DENY = "deny";

    private final PromptRequest request;
    private final Consumer<PromptReply> replies;
    private final JDialog dialog = new JDialog((java.awt.Frame) null, "Keyport", false);
    private final JLabel problem = label("");
    private JPasswordField passphrase;
    private JPasswordField repeat;
    private boolean finished;

    /** @param replies receives the one reply, which it then owns; called on the event dispatch thread */
    PromptDialog(PromptRequest request, Consumer<PromptReply> replies) {
        this.request = request;
        this.replies = replies;
        build();
    }

    JDialog window() {
        return dialog;
    }

    void show() {
        dialog.pack();
        dialog.setLocationRelativeTo(null);
        dialog.setAlwaysOnTop(true);
        dialog.setVisible(true);
        dialog.toFront();
        if (passphrase != null) {
            passphrase.requestFocusInWindow();
        }
    }

    /** Closes the dialog without a reply, because the question was withdrawn. */
    void withdraw() {
        finished = true;
        close();
    }

    private void build() {
        dialog.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        dialog.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent event) {
                finish(PromptReply.dismissed());
            }
        });
        JPanel content = new JPanel(new BorderLayout(0, 12));
        content.setBorder(BorderFactory.createEmptyBorder(16, 16, 16, 16));
        content.add(header(), BorderLayout.NORTH);
        if (request.kind() != PromptKind.CONFIRMATION) {
            content.add(passphraseFields(), BorderLayout.CENTER);
        }
        content.add(buttons(), BorderLayout.SOUTH);
        content.registerKeyboardAction(
                event -> finish(PromptReply.dismissed()),
                KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0),
                JComponent.WHEN_IN_FOCUSED_WINDOW);
        dialog.setContentPane(content);
    }

    private JPanel header() {
        JPanel header = new JPanel();
        header.setLayout(new BoxLayout(header, BoxLayout.Y_AXIS));
        String target = "\u201c" + DialogText.safe(request.target()) + "\u201d";
        String question = switch (request.kind()) {
            case PASSPHRASE -> "Enter the passphrase to " + DialogText.safe(request.operation()) + " " + target;
            case NEW_PASSPHRASE -> "Choose a passphrase for " + target;
            case CONFIRMATION -> "Allow " + DialogText.safe(request.operation()) + " " + target + "?";
        };
        header.add(label(question));
        header.add(label("Requested by " + DialogText.safe(request.caller().describe())));
        if (!request.warning().isEmpty()) {
            JLabel warning = label(DialogText.safe(request.warning()));
            warning.setForeground(new Color(0xB0, 0x00, 0x20));
            header.add(warning);
        }
        return header;
    }

    private JPanel passphraseFields() {
        boolean twice = request.kind() == PromptKind.NEW_PASSPHRASE;
        JPanel fields = new JPanel(new GridLayout(0, 1, 0, 4));
        passphrase = new JPasswordField(24);
        passphrase.setName(PASSPHRASE);
        // A dialog without the focus drops every key, so this line logs when typing starts to reach the field.
        passphrase.addFocusListener(new FocusAdapter() {
            @Override
            public void focusGained(FocusEvent event) {
                passphrase.removeFocusListener(this);
                LOG.info("The {} dialog takes typed input", request.kind());
            }
        });
        fields.add(label(twice ? "New passphrase:" : "Passphrase:"));
        fields.add(passphrase);
        if (twice) {
            repeat = new JPasswordField(24);
            repeat.setName(REPEAT);
            fields.add(label("Repeat the passphrase:"));
            fields.add(repeat);
            passphrase.addActionListener(event -> repeat.requestFocusInWindow());
        }
        problem.setForeground(new Color(0xB0, 0x00, 0x20));
        fields.add(problem);
        return fields;
    }

    private JPanel buttons() {
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
        if (request.kind() == PromptKind.CONFIRMATION) {
            buttons.add(button(DENY, "Deny", () -> finish(PromptReply.dismissed())));
            buttons.add(button(ALLOW_ONCE, "Allow once", () -> finish(PromptReply.confirmed())));
            buttons.add(button(ALLOW_ALWAYS, "Always allow", () -> finish(PromptReply.confirmedAlways())));
            // No default button: Enter on a dialog that appeared unasked must not grant access.
            return buttons;
        }
        buttons.add(button(CANCEL, "Cancel", () -> finish(PromptReply.dismissed())));
        JButton ok = button(OK, request.kind() == PromptKind.NEW_PASSPHRASE ? "Create" : "Unlock", this::submit);
        buttons.add(ok);
        dialog.getRootPane().setDefaultButton(ok);
        return buttons;
    }

    private void submit() {
        char[] first = passphrase.getPassword();
        char[] second = repeat == null ? null : repeat.getPassword();
        try {
            if (repeat != null && first.length == 0) {
                retry("The passphrase is empty. Type one, or cancel.");
            } else if (second != null && !Arrays.equals(first, second)) {
                retry("The passphrases differ. Type them again.");
            } else {
                finish(PromptReply.passphrase(SecretValue.wrap(utf8(first), "text/plain")));
            }
        } finally {
            Arrays.fill(first, '\0');
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }

    private void retry(String message) {
        problem.setText(message);
        clearFields();
        passphrase.requestFocusInWindow();
        dialog.pack();
    }

    private void finish(PromptReply reply) {
        if (finished) {
            reply.close();
            return;
        }
        finished = true;
        close();
        replies.accept(reply);
    }

    private void close() {
        clearFields();
        dialog.setVisible(false);
        dialog.dispose();
    }

    // NOTE: setText("") empties the field, but Swing's document buffer may keep the typed characters until the
    // garbage collector reclaims it. The copies from getPassword() are wiped by the callers.
    private void clearFields() {
        if (passphrase != null) {
            passphrase.setText("");
        }
        if (repeat != null) {
            repeat.setText("");
        }
    }

    private static JButton button(String name, String text, Runnable action) {
        JButton button = new JButton(text);
        button.setName(name);
        button.addActionListener(event -> action.run());
        return button;
    }

    /** Returns a label that shows its text literally: a client's label starting with {@code <html>} stays text. */
    private static JLabel label(String text) {
        JLabel label = new JLabel(text);
        label.putClientProperty("html.disable", Boolean.TRUE);
        return label;
    }

    /** Encodes {@code chars} as UTF-8 without a String, wiping the encoder's buffer. */
    static byte[] utf8(char[] chars) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }
}
