package io.keyport.secretservice.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.freedesktop.DBus.Error.InvalidArgs;
import org.junit.Test;

public class ErrorsTest {

    @Test
    public void engineIllegalArgumentBecomesInvalidArgs() {
        try {
            Errors.run("CreateItem", "/org/freedesktop/secrets/collection/login", () -> {
                throw new IllegalArgumentException("An item can have at most 1024 attributes, not 1025");
            });
            fail("expected InvalidArgs");
        } catch (InvalidArgs expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("CreateItem"));
            assertFalse(expected.getMessage(), expected.getMessage().contains("1025"));
        }
    }
}
