package io.keyport.storage.kdbx.internal;

import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real KeePass tools that the interoperability tests compare against: pykeepass through Debian's
 * {@code /usr/bin/python3} and {@code keepassxc-cli}. A missing tool fails the test with the package to install.
 */
final class Tools {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path KEEPASSXC_CLI = Path.of("/usr/bin/keepassxc-cli");

    private static final long TIMEOUT_SECONDS = 120;

    private Tools() {}

    /** The output of a finished tool. */
    record Result(int exitStatus, String stdout, String stderr) {
        String describe() {
            return "exit status " + exitStatus + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    /** Runs {@code kdbx_tool.py} (pykeepass) with the arguments and returns its output, failing on an error. */
    static String pykeepass(Path workDirectory, String... arguments) {
        requirePykeepass();
        List<String> command =
                new ArrayList<>(List.of(PYTHON.toString(), script(workDirectory).toString()));
        command.addAll(List.of(arguments));
        Result result = run(command, "");
        if (result.exitStatus() != 0) {
            fail("kdbx_tool.py " + String.join(" ", arguments) + " failed: " + result.describe());
        }
        return result.stdout();
    }

    /** Runs keepassxc-cli with {@code input} on its standard input. */
    static Result keepassxcCli(String input, String... arguments) {
        if (!Files.isExecutable(KEEPASSXC_CLI)) {
            fail("keepassxc-cli is missing: install the Debian package keepassxc");
        }
        List<String> command = new ArrayList<>(List.of(KEEPASSXC_CLI.toString()));
        command.addAll(List.of(arguments));
        return run(command, input);
    }

    static void requirePykeepass() {
        if (!Files.isExecutable(PYTHON)) {
            fail("/usr/bin/python3 is missing: install the Debian packages python3 and python3-pykeepass");
        }
        Result result = run(List.of(PYTHON.toString(), "-c", "import pykeepass"), "");
        if (result.exitStatus() != 0) {
            fail("pykeepass is missing for /usr/bin/python3: install the Debian package python3-pykeepass");
        }
    }

    static Result run(List<String> command, String input) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("QT_QPA_PLATFORM", "offscreen");
            Process process = builder.start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            Thread errors = new Thread(() -> copy(process.getErrorStream(), stderr));
            errors.start();
            copy(process.getInputStream(), stdout);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(command.get(0) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            errors.join();
            return new Result(
                    process.exitValue(),
                    stdout.toString(StandardCharsets.UTF_8),
                    stderr.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.get(0), e);
        }
    }

    private static Path script(Path workDirectory) {
        Path script = workDirectory.resolve("kdbx_tool.py");
        if (!Files.exists(script)) {
            try (InputStream resource = Tools.class.getResourceAsStream("kdbx_tool.py")) {
                Files.copy(resource, script, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return script;
    }

    private static void copy(InputStream input, ByteArrayOutputStream output) {
        try (input) {
            input.transferTo(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
