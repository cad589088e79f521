package io.keyport.secretservice.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.LinkedHashMap;
import java.util.Map;
import org.freedesktop.DBus.Error.InvalidArgs;
import org.junit.Test;

public class InputLimitsTest {

    private static final String SECRET_WORD = "hunter2";

    @Test
    public void labelAtLimitIsAccepted() {
        InputLimits.checkLabel("x".repeat(InputLimits.MAX_LABEL_CHARS), "Label");
    }

    @Test
    public void longLabelIsRejectedWithoutItsText() {
        String label = SECRET_WORD.repeat(1000);
        String message = rejected(() -> InputLimits.checkLabel(label, "Label"));
        assertTrue(message, message.contains("7000 characters"));
        assertTrue(message, message.contains(Integer.toString(InputLimits.MAX_LABEL_CHARS)));
        assertFalse(message, message.contains(SECRET_WORD));
    }

    @Test
    public void attributesAtLimitsAreAccepted() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("n".repeat(InputLimits.MAX_ATTRIBUTE_NAME_CHARS), "");
        attributes.put("url", "v".repeat(InputLimits.MAX_ATTRIBUTE_VALUE_CHARS));
        InputLimits.checkAttributes(attributes, "Attributes");

        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < InputLimits.MAX_ATTRIBUTES; i++) {
            many.put("k" + i, "v");
        }
        InputLimits.checkAttributes(many, "Attributes");
    }

    @Test
    public void tooManyAttributesAreRejected() {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i <= InputLimits.MAX_ATTRIBUTES; i++) {
            many.put("k" + i, SECRET_WORD);
        }
        String message = rejected(() -> InputLimits.checkAttributes(many, "The search query"));
        assertTrue(message, message.contains("1025 attributes"));
        assertTrue(message, message.contains("limit of 1024"));
        assertFalse(message, message.contains(SECRET_WORD));
    }

    @Test
    public void longAttributeNameIsRejected() {
        String name = "n".repeat(InputLimits.MAX_ATTRIBUTE_NAME_CHARS + 1);
        String message = rejected(() -> InputLimits.checkAttributes(Map.of(name, SECRET_WORD), "Attributes"));
        assertTrue(message, message.contains("1025 characters"));
        assertFalse(message, message.contains(name));
        assertFalse(message, message.contains(SECRET_WORD));
    }

    @Test
    public void longAttributeValueIsRejectedWithoutIt() {
        String value = SECRET_WORD.repeat(600);
        String message = rejected(() -> InputLimits.checkAttributes(Map.of("user", value), "Attributes"));
        assertTrue(message, message.contains("4200 characters"));
        assertTrue(message, message.contains("attribute user"));
        assertFalse(message, message.contains(SECRET_WORD));
    }

    @Test
    public void largeAttributeTotalIsRejected() {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            attributes.put("k" + i, SECRET_WORD.repeat(500));
        }
        String message = rejected(() -> InputLimits.checkAttributes(attributes, "Attributes"));
        assertTrue(message, message.contains("in total"));
        assertTrue(message, message.contains(Integer.toString(InputLimits.MAX_ATTRIBUTES_TOTAL_CHARS)));
        assertFalse(message, message.contains(SECRET_WORD));
    }

    private static String rejected(Runnable check) {
        try {
            check.run();
        } catch (InvalidArgs expected) {
            return expected.getMessage();
        }
        fail("expected InvalidArgs");
        return "";
    }
}
