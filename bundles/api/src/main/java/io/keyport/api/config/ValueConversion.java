package io.keyport.api.config;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Locale;

/** Converts configuration values to the types of configuration annotation methods, strictly. */
final class ValueConversion {

    private ValueConversion() {}

    /**
     * Returns {@code raw} converted to {@code target}, or {@code null} when it does not convert: text that is not a
     * whole number for {@code int} or {@code long}, a number out of the type's range, a word other than
     * {@code true} or {@code false} for {@code boolean}. A single value converts to a one-element array.
     */
    static Object convert(Object raw, Class<?> target) {
        if (target.isArray()) {
            return convertArray(raw, target.getComponentType());
        }
        if (raw instanceof Collection<?> || raw.getClass().isArray()) {
            Object[] elements = elements(raw);
            return elements.length == 1 ? convert(elements[0], target) : null;
        }
        if (target == String.class) {
            return raw.toString();
        }
        if (target == boolean.class) {
            return convertBoolean(raw);
        }
        if (target == int.class) {
            Long value = convertLong(raw);
            return value != null && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? value.intValue() : null;
        }
        if (target == long.class) {
            return convertLong(raw);
        }
        return null;
    }

    /** Describes what a property of {@code target} type accepts, for a message. */
    static String expectation(Class<?> target) {
        if (target == boolean.class) {
            return "write true or false";
        }
        if (target == int.class) {
            return "write a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (target == long.class) {
            return "write a whole number";
        }
        if (target.isArray()) {
            return "write a list of " + expectation(target.getComponentType()).replaceFirst("^write an? ", "");
        }
        return "write a text value";
    }

    private static Object convertArray(Object raw, Class<?> component) {
        Object[] elements = elements(raw);
        Object array = Array.newInstance(component, elements.length);
        for (int i = 0; i < elements.length; i++) {
            Object element = elements[i] == null ? null : convert(elements[i], component);
            if (element == null) {
                return null;
            }
            Array.set(array, i, element);
        }
        return array;
    }

    private static Object[] elements(Object raw) {
        if (raw instanceof Collection<?> collection) {
            return collection.toArray();
        }
        if (raw.getClass().isArray()) {
            Object[] elements = new Object[Array.getLength(raw)];
            for (int i = 0; i < elements.length; i++) {
                elements[i] = Array.get(raw, i);
            }
            return elements;
        }
        return new Object[] {raw};
    }

    private static Boolean convertBoolean(Object raw) {
        if (raw instanceof Boolean value) {
            return value;
        }
        return switch (raw.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static Long convertLong(Object raw) {
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
