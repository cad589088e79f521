package io.keyport.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The parsed command line of {@code keyport}. */
record LaunchOptions(
        String command,
        Path configDirectory,
        Path deployDirectory,
        String feature,
        boolean replace,
        boolean unlockStdin,
        boolean passphraseStdin,
        int passphraseFd,
        List<String> arguments) {

    static final String DEFAULT_FEATURE = "headless";

    static LaunchOptions parse(String[] args, Path home) throws UsageException {
        String command = null;
        Path config = null;
        Path deploy = null;
        String feature = null;
        boolean replace = false;
        boolean unlockStdin = false;
        boolean passphraseStdin = false;
        int passphraseFd = -1;
        List<String> arguments = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> command = "help";
                case "--version", "-V" -> command = "version";
                case "--replace" -> replace = true;
                case "--unlock-stdin" -> unlockStdin = true;
                case "--stdin" -> passphraseStdin = true;
                case "--fd" -> passphraseFd = fileDescriptor(valueOf(args, ++i, arg));
                case "--config" -> config = Path.of(valueOf(args, ++i, arg));
                case "--deploy" -> deploy = Path.of(valueOf(args, ++i, arg));
                case "--feature" -> feature = valueOf(args, ++i, arg);
                default -> {
                    if (arg.startsWith("--config=")) {
                        config = Path.of(arg.substring("--config=".length()));
                    } else if (arg.startsWith("--deploy=")) {
                        deploy = Path.of(arg.substring("--deploy=".length()));
                    } else if (arg.startsWith("--fd=")) {
                        passphraseFd = fileDescriptor(arg.substring("--fd=".length()));
                    } else if (arg.startsWith("--feature=")) {
                        feature = arg.substring("--feature=".length());
                    } else if (arg.startsWith("-")) {
                        throw new UsageException("Unknown option " + arg + ". Run keyport --help for the options.");
                    } else if (command == null) {
                        command = arg;
                    } else {
                        arguments.add(arg);
                    }
                }
            }
        }

        String commandName = command == null ? "run" : command;
        if ((passphraseStdin || passphraseFd >= 0) && !commandName.equals("unlock")) {
            throw new UsageException(
                    "--stdin and --fd apply to keyport unlock only. Run keyport --help for the options.");
        }
        if (passphraseStdin && passphraseFd >= 0) {
            throw new UsageException("Pass either --stdin or --fd N, not both.");
        }

        String featureName = feature != null ? feature : System.getenv().getOrDefault("KEYPORT_FEATURE", "");
        return new LaunchOptions(
                commandName,
                config != null ? config.toAbsolutePath() : home.resolve("etc"),
                deploy != null ? deploy.toAbsolutePath() : home.resolve("deploy"),
                featureName.isBlank() ? DEFAULT_FEATURE : featureName,
                replace,
                unlockStdin,
                passphraseStdin,
                passphraseFd,
                List.copyOf(arguments));
    }

    private static int fileDescriptor(String value) throws UsageException {
        try {
            int fd = Integer.parseInt(value);
            if (fd >= 0) {
                return fd;
            }
        } catch (NumberFormatException e) {
            // Reported below, with the same message as a negative number.
        }
        throw new UsageException("Invalid file descriptor " + value + " for --fd: expected a number such as 3.");
    }

    private static String valueOf(String[] args, int index, String option) throws UsageException {
        if (index >= args.length) {
            throw new UsageException("Option " + option + " needs a value. Run keyport --help for the options.");
        }
        return args[index];
    }

    /** The command line is invalid. The message names the invalid part and the fix. */
    static final class UsageException extends Exception {

        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
