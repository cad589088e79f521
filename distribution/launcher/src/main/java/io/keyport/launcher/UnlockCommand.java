package io.keyport.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code keyport unlock [COLLECTION]}: unlocks one collection of the running Keyport over the prompt socket, then
 * exits. It asks for the passphrase only when the collection exists and is locked.
 */
final class UnlockCommand {

    static final String DEFAULT_COLLECTION = "login";

    /** Collection ids use ASCII letters, digits and {@code _}, as the storage contract requires. */
    private static final Pattern COLLECTION_ID = Pattern.compile("[A-Za-z0-9_]{1,255}");

    private final LaunchOptions options;
    private final KeyportPaths paths;
    private final PrintStream out;
    private final PrintStream err;

    UnlockCommand(LaunchOptions options, KeyportPaths paths, PrintStream out, PrintStream err) {
        this.options = options;
        this.paths = paths;
        this.out = out;
        this.err = err;
    }

    /**
     * Unlocks the collection and returns the exit status. The passphrase source is checked only once the
     * collection turned out to be locked, so unlocking an unlocked collection succeeds in any script.
     */
    int run() throws IOException, LaunchOptions.UsageException {
        String collection = collection(options.arguments());
        Path socket = paths.runtime().resolve(PromptConnection.SOCKET_NAME);
        PromptConnection connection;
        try {
            connection = PromptConnection.open(socket, "unlock");
        } catch (PromptConnection.NotRunningException e) {
            return NotRunning.report(err, paths, e.getMessage());
        }
        try (connection) {
            List<String> state = request(connection, "STATE " + PromptConnection.text(collection));
            switch (state.get(0)) {
                case "UNLOCKED" -> {
                    out.println("Collection " + collection + " is already unlocked.");
                    return ExitStatus.OK;
                }
                case "LOCKED" -> {
                    PassphraseInput input =
                            PassphraseInput.choose(options, collection, System.getenv(), System.console());
                    return unlock(connection, collection, input);
                }
                default -> {
                    return failure(state, collection);
                }
            }
        }
    }

    private int unlock(PromptConnection connection, String collection, PassphraseInput input) throws IOException {
        byte[] passphrase;
        try {
            passphrase = input.read();
        } catch (IOException e) {
            err.println("keyport: " + e.getMessage() + "; collection " + collection + " stays locked.");
            return ExitStatus.USAGE;
        }
        if (passphrase == null) {
            err.println("keyport: no passphrase entered; collection " + collection + " stays locked.");
            return ExitStatus.FAILURE;
        }
        try {
            connection.writeSecretLine("UNLOCK " + PromptConnection.text(collection), passphrase);
        } finally {
            Arrays.fill(passphrase, (byte) 0);
        }
        List<String> reply = connection.readFields();
        if (reply == null) {
            err.println("keyport: Keyport closed the connection before it replied; see its log.");
            return ExitStatus.FAILURE;
        }
        switch (reply.get(0)) {
            case "UNLOCKED" -> {
                out.println("Unlocked collection " + collection + ".");
                return ExitStatus.OK;
            }
            case "WRONG_PASSPHRASE" -> {
                err.println("keyport: the passphrase from " + input.description() + " does not unlock collection "
                        + collection + ".");
                return ExitStatus.WRONG_PASSPHRASE;
            }
            default -> {
                return failure(reply, collection);
            }
        }
    }

    private int failure(List<String> reply, String collection) throws IOException {
        if (reply.get(0).equals("NO_SUCH_COLLECTION")) {
            String known = reply.size() > 1 ? PromptConnection.decodeText(reply.get(1)) : "";
            err.println("keyport: Keyport has no collection " + collection + ". "
                    + (known.isEmpty()
                            ? "It serves no collections yet."
                            : "Its collections: " + known.replace(",", ", ") + "."));
            return ExitStatus.NO_SUCH_COLLECTION;
        }
        err.println("keyport: unlocking collection " + collection + " failed: "
                + TerminalText.safe(PromptConnection.errorText(reply), 300) + ". See Keyport's log.");
        return ExitStatus.FAILURE;
    }

    private static List<String> request(PromptConnection connection, String line) throws IOException {
        connection.writeLine(line);
        List<String> reply = connection.readFields();
        if (reply == null) {
            throw new IOException("Keyport closed the prompt socket connection without a reply");
        }
        return reply;
    }

    private static String collection(List<String> arguments) throws LaunchOptions.UsageException {
        if (arguments.size() > 1) {
            throw new LaunchOptions.UsageException("keyport unlock takes one collection, not " + arguments.size() + ": "
                    + String.join(" ", arguments));
        }
        String collection = arguments.isEmpty() ? DEFAULT_COLLECTION : arguments.get(0);
        if (!COLLECTION_ID.matcher(collection).matches()) {
            throw new LaunchOptions.UsageException("Invalid collection id " + TerminalText.safe(collection, 80)
                    + ": ids use ASCII letters, digits and _, such as login.");
        }
        return collection;
    }
}
