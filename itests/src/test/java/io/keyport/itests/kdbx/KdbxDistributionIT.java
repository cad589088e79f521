package io.keyport.itests.kdbx;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.keyport.itests.CommandResult;
import io.keyport.itests.Commands;
import io.keyport.itests.KeyportProcess;
import io.keyport.itests.Poll;
import io.keyport.itests.Sandbox;
import io.keyport.itests.storage.FileStoreTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Test;

/**
 * The distribution serving a KDBX database made by keepassxc-cli as the collection {@code work}: unlocked with
 * {@code keyport unlock}, read and written with secret-tool and python keyring, and edited by keepassxc-cli
 * meanwhile.
 */
public class KdbxDistributionIT extends FileStoreTestSupport {

    private static final String KDBX_PASSWORD = "kdbx password";
    private static final Path KEEPASSXC_CLI = Path.of("/usr/bin/keepassxc-cli");
    private static final String WORK_PATH = SERVICE_PATH + "/collection/work";

    /** Stores a password with python keyring in the collection named by argv[1], changes it and reads it back. */
    private static final String PYTHON_KEYRING = String.join(
            "\n",
            "import sys",
            "import secretstorage",
            "from keyring.backends import SecretService",
            "backend = SecretService.Keyring()",
            "backend.preferred_collection = sys.argv[1]",
            "backend.set_password('kdbx-python', 'dave', 'first')",
            "backend.set_password('kdbx-python', 'dave', 'second')",
            "print('READ=' + backend.get_password('kdbx-python', 'dave'))",
            "collection = secretstorage.Collection(secretstorage.dbus_init(), sys.argv[1])",
            "print('FOUND=' + str(len(list(collection.search_items({'service': 'kdbx-python'})))))",
            "");

    @Test
    public void secretToolReadsEntryFromKeePassXc() throws Exception {
        Sandbox sandbox = sandboxWithBus();
        Path database = createDatabase(sandbox);
        startWithDatabase(sandbox, database);

        CommandResult lookup = secretTool(sandbox, "", "lookup", "UserName", "carol");

        assertEquals(lookup.describe(), 0, lookup.exitStatus());
        assertEquals("web password", lookup.stdout());
    }

    @Test
    public void keePassXcReadsItemFromSecretTool() throws Exception {
        Sandbox sandbox = sandboxWithBus();
        Path database = createDatabase(sandbox);
        startWithDatabase(sandbox, database);

        CommandResult stored = secretTool(
                sandbox,
                "stored by secret-tool",
                "store",
                "--collection=" + WORK_PATH,
                "--label=from secret-tool",
                "service",
                "kdbx-it");
        CommandResult keepassxcShow = cli(
                sandbox,
                KDBX_PASSWORD + "\n",
                "show",
                "-q",
                "-s",
                "-a",
                "Password",
                database.toString(),
                "from secret-tool");

        assertEquals(stored.describe(), 0, stored.exitStatus());
        assertEquals(keepassxcShow.describe(), 0, keepassxcShow.exitStatus());
        assertEquals("stored by secret-tool", keepassxcShow.stdout().strip());
    }

    @Test
    public void editByKeePassXcReachesSecretTool() throws Exception {
        Sandbox sandbox = sandboxWithBus();
        Path database = createDatabase(sandbox);
        startWithDatabase(sandbox, database);

        CommandResult edited = cli(
                sandbox, KDBX_PASSWORD + "\nchanged by keepassxc\n", "edit", "-q", "-p", database.toString(), "web");

        assertEquals(edited.describe(), 0, edited.exitStatus());
        Poll.until(
                "secret-tool to return the password keepassxc-cli set",
                () -> secretTool(sandbox, "", "lookup", "UserName", "carol")
                        .stdout()
                        .equals("changed by keepassxc"),
                () -> secretTool(sandbox, "", "lookup", "UserName", "carol").describe());
    }

    @Test
    public void pythonKeyringStoresAndEditsEntry() throws Exception {
        Sandbox sandbox = sandboxWithBus();
        Path database = createDatabase(sandbox);
        startWithDatabase(sandbox, database);
        Path script = sandbox.root().resolve("kdbx_keyring.py");
        Files.writeString(script, PYTHON_KEYRING, StandardCharsets.UTF_8);

        CommandResult python = Commands.run(
                sandbox.environment(), List.of("/usr/bin/python3", script.toString(), WORK_PATH), new byte[0]);
        CommandResult keepassxcShow = cli(
                sandbox,
                KDBX_PASSWORD + "\n",
                "show",
                "-q",
                "-s",
                "-a",
                "Password",
                database.toString(),
                "Password for 'dave' on 'kdbx-python'");

        assertEquals(python.describe(), 0, python.exitStatus());
        assertTrue(python.describe(), python.stdout().contains("READ=second"));
        assertTrue(python.describe(), python.stdout().contains("FOUND=1"));
        assertEquals(keepassxcShow.describe(), 0, keepassxcShow.exitStatus());
        assertEquals("second", keepassxcShow.stdout().strip());
    }

    /** Starts Keyport with the KDBX engine configured for {@code database} and unlocks it with keyport unlock. */
    private KeyportProcess startWithDatabase(Sandbox sandbox, Path database) throws Exception {
        Path config = copyEtc(sandbox);
        Files.writeString(
                config.resolve("io.keyport.storage.kdbx-work.cfg"),
                "name=work\npath=" + database + "\npoll.millis=200\n",
                StandardCharsets.UTF_8);
        KeyportProcess keyport = startUnlocked(sandbox, "--config", config.toString());
        Poll.until(
                "collection work in keyport status",
                () -> !collectionStates(status(sandbox), "work").isEmpty(),
                () -> keyport.describe() + "\n" + status(sandbox).describe());
        CommandResult unlocked = keyportCommand(sandbox, KDBX_PASSWORD + "\n", "unlock", "work", "--stdin");
        assertEquals(unlocked.describe(), 0, unlocked.exitStatus());
        assertEquals(List.of("unlocked"), collectionStates(status(sandbox), "work"));
        return keyport;
    }

    /** Creates a KDBX 3.1 database with keepassxc-cli holding the entry web (carol, "web password"). */
    private static Path createDatabase(Sandbox sandbox) {
        Path database = sandbox.root().resolve("work.kdbx");
        CommandResult created = cli(
                sandbox,
                KDBX_PASSWORD + "\n" + KDBX_PASSWORD + "\n",
                "db-create",
                "-q",
                "-p",
                "-t",
                "100",
                database.toString());
        assertEquals(created.describe(), 0, created.exitStatus());
        CommandResult added = cli(
                sandbox,
                KDBX_PASSWORD + "\nweb password\n",
                "add",
                "-q",
                "-u",
                "carol",
                "-p",
                database.toString(),
                "web");
        assertEquals(added.describe(), 0, added.exitStatus());
        assertTrue(Files.exists(database));
        return database;
    }

    private static CommandResult cli(Sandbox sandbox, String input, String... arguments) {
        if (!Files.isExecutable(KEEPASSXC_CLI)) {
            fail("keepassxc-cli is missing: install the Debian package keepassxc");
        }
        List<String> command = new java.util.ArrayList<>(List.of(KEEPASSXC_CLI.toString()));
        command.addAll(List.of(arguments));
        return Commands.run(sandbox.environment(), command, input.getBytes(StandardCharsets.UTF_8));
    }
}
