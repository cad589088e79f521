package io.keyport.prompter.gui.internal;

/** Makes client-supplied text safe to show in a dialog: no control characters, and a bounded length. */
final class DialogText {

    static final int MAX_LENGTH = 200;

    private DialogText() {}

    /** Replaces control characters with {@code ?} and cuts the text to {@link #MAX_LENGTH} characters. */
    static String safe(String text) {
        StringBuilder safe = new StringBuilder(Math.min(text.length(), MAX_LENGTH + 1));
        for (int i = 0; i < text.length() && safe.length() < MAX_LENGTH; i++) {
            char c = text.charAt(i);
            safe.append(Character.isISOControl(c) ? '?' : c);
        }
        if (text.length() > MAX_LENGTH) {
            safe.append('\u2026');
        }
        return safe.toString();
    }
}
