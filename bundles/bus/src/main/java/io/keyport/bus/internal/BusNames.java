package io.keyport.bus.internal;

/** The D-Bus specification's syntax of well-known bus names. */
final class BusNames {

    private static final int MAX_LENGTH = 255;

    private BusNames() {}

    /**
     * Returns whether {@code name} is a well-known bus name: at most 255 characters in two or more elements
     * separated by dots, each element made of ASCII letters, digits, {@code _} and {@code -} and not starting with
     * a digit.
     */
    static boolean isWellKnown(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        String[] elements = name.split("\\.", -1);
        if (elements.length < 2) {
            return false;
        }
        for (String element : elements) {
            if (element.isEmpty() || Character.isDigit(element.charAt(0))) {
                return false;
            }
            for (int i = 0; i < element.length(); i++) {
                char c = element.charAt(i);
                boolean allowed = (c >= 'a' && c <= 'z')
                        || (c >= 'A' && c <= 'Z')
                        || (c >= '0' && c <= '9')
                        || c == '_'
                        || c == '-';
                if (!allowed) {
                    return false;
                }
            }
        }
        return true;
    }
}
