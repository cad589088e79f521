package io.keyport.launcher;

/**
 * The cleaning of text from clients before it is printed on a terminal. Labels, bus names and executable paths
 * come from other programs, and an escape sequence in them could move the cursor, rewrite the question or change
 * the terminal's settings, so control and bidirectional-override characters become {@code ?}.
 */
final class TerminalText {

    private TerminalText() {}

    /** Returns {@code text} with unsafe characters replaced and cut to {@code maxLength} code points. */
    static String safe(String text, int maxLength) {
        StringBuilder out = new StringBuilder();
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (count == maxLength) {
                out.append("...");
                break;
            }
            out.appendCodePoint(isUnsafe(codePoint) ? '?' : codePoint);
            count++;
        }
        return out.toString();
    }

    private static boolean isUnsafe(int codePoint) {
        return Character.getType(codePoint) == Character.CONTROL
                || (codePoint >= 0x202A && codePoint <= 0x202E)
                || (codePoint >= 0x2066 && codePoint <= 0x2069)
                || codePoint == 0x200E
                || codePoint == 0x200F;
    }
}
