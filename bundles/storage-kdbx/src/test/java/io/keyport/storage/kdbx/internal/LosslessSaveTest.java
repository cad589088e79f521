package io.keyport.storage.kdbx.internal;

import static org.junit.Assert.assertEquals;

import io.keyport.api.secret.SecretValue;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A save keeps everything the engine does not change: history, attachments, custom icons, custom data, unknown
 * elements and protected fields, compared element by element in the XML that pykeepass decrypts.
 */
public class LosslessSaveTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void secretChangeKeepsEverythingElse() {
        assertEditKeepsEverythingElse("argon2d", "aes256", true);
    }

    @Test
    public void chaCha20DatabaseKeepsEverythingElse() {
        assertEditKeepsEverythingElse("argon2id", "chacha20", false);
    }

    @Test
    public void twofishDatabaseKeepsEverythingElse() {
        assertEditKeepsEverythingElse("argon2d", "twofish", true);
    }

    @Test
    public void kdbx41DatabaseStaysKdbx41() throws Exception {
        Path file = folder.getRoot().toPath().resolve("rich41.kdbx");
        Tools.pykeepass(
                folder.getRoot().toPath(),
                "create",
                file.toString(),
                TestDatabases.PASSWORD,
                "-",
                "argon2id",
                "aes256",
                "yes",
                "yes",
                "1");
        assertEquals(
                KdbxHeader.VERSION_4_1,
                KdbxHeader.parse(java.nio.file.Files.readAllBytes(file)).version());

        assertEditKeepsEverythingElse(file);

        assertEquals(
                KdbxHeader.VERSION_4_1,
                KdbxHeader.parse(java.nio.file.Files.readAllBytes(file)).version());
    }

    private void assertEditKeepsEverythingElse(String kdf, String cipher, boolean compress) {
        Path directory = folder.getRoot().toPath();
        assertEditKeepsEverythingElse(TestDatabases.create(directory, "rich.kdbx", kdf, cipher, compress, true));
    }

    private void assertEditKeepsEverythingElse(Path file) {
        Document before = XmlComparison.parse(dump(file));
        String entriesBefore = entries(file);

        try (KdbxStorageEngine engine = TestDatabases.unlocked(TestDatabases.settings(file));
                SecretValue secret = TestDatabases.text("changed by keyport")) {
            KdbxStorageEngineTest.item(engine.collection(), "mail").setSecret(secret);
        }
        Document after = XmlComparison.parse(dump(file));

        Element mailBefore = XmlComparison.entry(before, "mail");
        Element mailAfter = XmlComparison.entry(after, "mail");
        assertEquals("changed by keyport", XmlComparison.string(mailAfter, "Password"));
        List<Element> history = Dom.children(Dom.child(mailAfter, "History"), "Entry");
        assertEquals(3, history.size());
        Element snapshot = history.get(2);
        Element expectedSnapshot = (Element) mailBefore.cloneNode(true);
        expectedSnapshot.removeChild(Dom.child(expectedSnapshot, "History"));
        XmlComparison.assertSameXml(expectedSnapshot, snapshot);

        // Undo the three expected differences; what remains must be identical.
        snapshot.getParentNode().removeChild(snapshot);
        XmlComparison.stringValue(mailAfter, "Password").setTextContent(XmlComparison.string(mailBefore, "Password"));
        for (String time : List.of("LastModificationTime", "LastAccessTime")) {
            Dom.child(Dom.child(mailAfter, "Times"), time)
                    .setTextContent(Dom.childText(Dom.child(mailBefore, "Times"), time));
        }
        XmlComparison.assertSameXml(before.getDocumentElement(), after.getDocumentElement());
        assertEquals(
                entriesBefore.replaceAll("\"history\": \\d+", ""),
                entries(file)
                        .replace("changed by keyport", "s\\u00ebcret \\ud83d\\ude00")
                        .replaceAll("\"history\": \\d+", ""));
    }

    private String dump(Path file) {
        return Tools.pykeepass(folder.getRoot().toPath(), "dump", file.toString(), TestDatabases.PASSWORD, "-");
    }

    private String entries(Path file) {
        return Tools.pykeepass(folder.getRoot().toPath(), "entries", file.toString(), TestDatabases.PASSWORD, "-");
    }
}
