package io.keyport.launcher;

import java.nio.file.Path;

/** Entry point of the {@code keyport} command. */
public final class Main {

    static final String USAGE = """
            Usage: keyport [COMMAND] [OPTIONS]

            Keyport is a Secret Service provider: it owns org.freedesktop.secrets on the D-Bus session bus.

            Commands:
              run       Run Keyport in the foreground (the default). Stops on SIGTERM or Ctrl-C.
              status    Show whether Keyport runs, who owns the bus name, its bundles, prompters and
                        components.
              prompt    Answer Keyport's passphrase questions on this terminal, also over SSH, until Ctrl-C
                        or Ctrl-D while no question is open. Each question names the program that asks.
              unlock [COLLECTION]
                        Unlock a collection (default: login) of the running Keyport, then exit. The
                        passphrase comes from --stdin, --fd N, the systemd credential
                        $CREDENTIALS_DIRECTORY/keyport-COLLECTION, or else the terminal, without echo.

            Options:
              --config DIR      Configuration directory to watch (default: etc/ of the distribution).
                                *.cfg and *.config files added, changed or removed there reconfigure
                                the running daemon.
              --deploy DIR      Bundle directory to watch (default: deploy/ of the distribution). A *.jar
                                added there is installed and started, a replaced one is updated, and a
                                removed one is uninstalled, all without a restart.
              --feature NAME    Feature to run: core, desktop or headless (default: headless, or
                                $KEYPORT_FEATURE).
              --replace         Take org.freedesktop.secrets over from a provider that allows it.
              --unlock-stdin    Read the passphrase of the login collection from standard input, up to
                                its end or a newline, then create login with it or unlock it.
              --stdin           unlock: read the passphrase from standard input, up to its end or a newline.
              --fd N            unlock: read the passphrase from file descriptor N, up to its end or a newline.
              -h, --help        Show this help.
              -V, --version     Show the version.

            Bus: Keyport serves the bus in DBUS_SESSION_BUS_ADDRESS. When it is unset, Keyport starts a
            private dbus-daemon and prints the export line that clients need.

            Exit status:
              0  stopped normally, or unlocked   5  not running (status, prompt, unlock)
              1  unexpected failure              6  invalid distribution or configuration
              2  invalid command line            7  wrong passphrase (unlock)
              3  bus unavailable                 8  no such collection (unlock)
              4  bus name owned by another process
            """;

    private Main() {}

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String[] args) {
        Path home = Path.of(System.getProperty("keyport.home", "."))
                .toAbsolutePath()
                .normalize();
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, home);
        } catch (LaunchOptions.UsageException e) {
            System.err.println("keyport: " + e.getMessage());
            return ExitStatus.USAGE;
        }
        KeyportPaths paths = KeyportPaths.of(home);
        try {
            return switch (options.command()) {
                case "help" -> {
                    System.out.print(USAGE);
                    yield ExitStatus.OK;
                }
                case "version" -> {
                    System.out.println("keyport " + version());
                    yield ExitStatus.OK;
                }
                case "run" -> new Daemon(options, paths).run();
                case "status" -> new StatusClient(paths.controlSocket()).print(System.out);
                case "prompt" -> new PromptAgent(paths, System.out, System.err).run();
                case "unlock" -> new UnlockCommand(options, paths, System.out, System.err).run();
                default -> {
                    System.err.println(
                            "keyport: unknown command " + options.command() + ". Run keyport --help for the commands.");
                    yield ExitStatus.USAGE;
                }
            };
        } catch (LaunchOptions.UsageException e) {
            System.err.println("keyport: " + e.getMessage());
            return ExitStatus.USAGE;
        } catch (FeatureFile.InvalidDistributionException e) {
            System.err.println("keyport: " + e.getMessage());
            return ExitStatus.BAD_CONFIGURATION;
        } catch (Exception e) {
            System.err.println("keyport: " + options.command() + " failed: " + e);
            e.printStackTrace();
            return ExitStatus.FAILURE;
        }
    }

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version != null ? version : "development build";
    }
}
