package io.keyport.itests.interop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.keyport.itests.CommandResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.Before;
import org.junit.Test;

/**
 * Keyport with its own loggers and the root logger at TRACE, and dbus-java's at INFO as shipped: storing,
 * reading, searching and clearing a secret with {@code secret-tool} leaves neither the secret nor an
 * attribute value in Keyport's output.
 */
public class SecretLoggingIT extends InteropTestSupport {

    private static final String LOGBACK_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration>
              <appender name="stderr" class="ch.qos.logback.core.ConsoleAppender">
                <target>System.err</target>
                <encoder>
                  <pattern>%d{HH:mm:ss.SSS} %-5level %logger - %msg%n</pattern>
                </encoder>
              </appender>

              <logger name="org.freedesktop.dbus" level="INFO"/>
              <logger name="io.keyport" level="TRACE"/>

              <root level="TRACE">
                <appender-ref ref="stderr"/>
              </root>
            </configuration>
            """;

    private final String secret = "keyport-logged-secret-" + UUID.randomUUID();
    private final String attributeValue = "keyport-logged-attribute-" + UUID.randomUUID();
    private String output;

    @Before
    public void storeReadAndClearAtTrace() throws Exception {
        Path config = Files.createTempDirectory("keyport-trace-config-");
        try {
            Files.writeString(config.resolve("logback.xml"), LOGBACK_XML);
            startCoreKeyport("--config", config.toString());

            CommandResult store = secretTool(
                    secret, "store", "--collection=session", "--label=Traced item", "account", attributeValue);
            CommandResult lookup = secretTool("", "lookup", "account", attributeValue);
            CommandResult search = secretTool("", "search", "--all", "account", attributeValue);
            CommandResult clear = secretTool("", "clear", "account", attributeValue);
            assertEquals(store.describe(), 0, store.exitStatus());
            assertEquals(lookup.describe(), secret, lookup.stdout());
            assertEquals(search.describe(), 0, search.exitStatus());
            assertEquals(clear.describe(), 0, clear.exitStatus());

            int exitStatus = keyport.terminate();
            assertEquals(keyport.describe(), 0, exitStatus);
            output = keyport.stdout() + keyport.stderr();
        } finally {
            Files.deleteIfExists(config.resolve("logback.xml"));
            Files.deleteIfExists(config);
        }
    }

    @Test
    public void keyportLogsAtDebug() {
        assertTrue(output, output.contains(" DEBUG io.keyport."));
    }

    @Test
    public void keyportLogsDhSession() {
        assertTrue(output, output.contains("Opened dh-ietf1024-sha256-aes128-cbc-pkcs7 session"));
    }

    @Test
    public void outputLacksSecret() {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);

        assertFalse(output.contains(secret));
        assertFalse(output.toLowerCase().contains(HexFormat.of().formatHex(bytes)));
        assertFalse(output.contains(Base64.getEncoder().encodeToString(bytes)));
    }

    @Test
    public void outputLacksAttributeValue() {
        byte[] bytes = attributeValue.getBytes(StandardCharsets.UTF_8);

        assertFalse(output.contains(attributeValue));
        assertFalse(output.toLowerCase().contains(HexFormat.of().formatHex(bytes)));
    }

    @Test
    public void dbusJavaStaysAtInfo() {
        assertFalse(output, output.contains(" DEBUG org.freedesktop.dbus"));
        assertFalse(output, output.contains(" TRACE org.freedesktop.dbus"));
    }
}
