package io.keyport.storage.keyring.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import com.sun.security.auth.module.UnixSystem;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Kernel key quota exhaustion (EDQUOT), reached for real without touching anyone else's quota.
 *
 * <p>Quotas count per user: root's defaults (root_maxkeys, root_maxbytes) are too large to fill safely, and changing
 * the sysctls would affect every user. So, when the test runs as root, it starts {@link QuotaProbe} in a child JVM
 * under a spare user id that no process and no key uses, whose quota is the small non-root default (maxbytes 20000).
 * The child works in a new anonymous session keyring, so its keys end with it. Run as another user, the test only
 * stores one secret larger than maxbytes, which the kernel rejects before it charges anything.
 */
public class QuotaTest {

    private static final int OVERSIZE_BYTES = 25_000;

    private Path directory;

    @Before
    public void copyClassPath() throws IOException {
        directory = Files.createTempDirectory("keyport-quota-");
        Path classes = Files.createDirectory(directory.resolve("classes"));
        int index = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            Path target = classes.resolve(index++ + "-" + source.getFileName());
            if (Files.isDirectory(source)) {
                copyTree(source, target);
            } else if (Files.isRegularFile(source)) {
                Files.copy(source, target);
            }
        }
        Files.createDirectory(directory.resolve("tmp"));
    }

    @After
    public void deleteCopies() throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Test
    public void filledQuotaGivesClearErrorAndConsistentKeys() throws Exception {
        assumeTrue("needs root to run the child under a spare user id", new UnixSystem().getUid() == 0);

        Map<String, String> result = runProbe("fill", spareUid());

        int items = Integer.parseInt(result.get("items"));
        assertTrue(result.toString(), items > 0);
        assertTrue(result.toString(), result.get("error").contains("the kernel key quota is exhausted"));
        assertTrue(result.toString(), result.get("error").contains("(EDQUOT)"));
        assertEquals(result.toString(), result.get("stored"), result.get("items"));
        assertEquals("info key and two keys per item", 1 + 2 * items, Integer.parseInt(result.get("keys")));
        assertEquals(result.get("items"), result.get("reloaded"));
        assertEquals("0", result.get("left"));
    }

    @Test
    public void secretAboveByteQuotaGivesClearError() throws Exception {
        long maxBytes = Long.parseLong(
                Files.readString(Path.of("/proc/sys/kernel/keys/maxbytes")).trim());
        boolean root = new UnixSystem().getUid() == 0;
        assumeTrue("needs maxbytes below " + OVERSIZE_BYTES, maxBytes < OVERSIZE_BYTES);

        Map<String, String> result = runProbe("oversize", root ? spareUid() : -1);

        assertEquals(result.toString(), "0", result.get("stored"));
        assertTrue(result.toString(), result.get("error").contains("the kernel key quota is exhausted"));
        assertEquals("only the info key", "1", result.get("keys"));
        assertEquals("0", result.get("left"));
    }

    /** Runs the probe, under {@code uid} unless it is -1, and returns its result lines. */
    private Map<String, String> runProbe(String mode, long uid) throws Exception {
        List<String> command = new ArrayList<>();
        if (uid >= 0) {
            chown(directory, uid);
            command.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--"));
        }
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + directory.resolve("tmp"),
                "-cp",
                directory.resolve("classes") + File.separator + "*" + File.pathSeparator + classDirectories(),
                QuotaProbe.class.getName(),
                mode));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue("probe did not finish", process.waitFor(60, TimeUnit.SECONDS));
        } finally {
            process.destroyForcibly();
        }
        assertEquals(output, 0, process.exitValue());
        Map<String, String> result = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("result ")) {
                String[] parts = line.split(" ", 3);
                result.put(parts[1], parts.length > 2 ? parts[2] : "");
            }
        }
        assertTrue(output, result.containsKey("left"));
        return result;
    }

    private String classDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(directory.resolve("classes"))) {
            return String.join(
                    File.pathSeparator,
                    entries.filter(Files::isDirectory).map(Path::toString).toList());
        }
    }

    /** Picks a user id without a passwd entry, processes or keys, so its key quota is untouched. */
    private static long spareUid() throws IOException {
        String passwd = Files.readString(Path.of("/etc/passwd"));
        String keyUsers = Files.readString(Path.of("/proc/key-users"));
        for (int attempt = 0; attempt < 100; attempt++) {
            long uid = 61_000 + ThreadLocalRandom.current().nextInt(1000);
            boolean known = passwd.contains(":" + uid + ":") || keyUsers.contains(" " + uid + ":");
            if (!known && !hasProcesses(uid)) {
                return uid;
            }
        }
        throw new AssertionError("No spare user id between 61000 and 61999");
    }

    private static boolean hasProcesses(long uid) throws IOException {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(path -> path.getFileName().toString().matches("[0-9]+"))
                    .anyMatch(path -> {
                        try {
                            return Files.readString(path.resolve("status")).contains("\nUid:\t" + uid + "\t");
                        } catch (IOException e) {
                            return false;
                        }
                    });
        }
    }

    private static void chown(Path root, long uid) throws IOException, InterruptedException {
        Process chown = new ProcessBuilder("chown", "-R", uid + ":" + uid, root.toString())
                .inheritIO()
                .start();
        assertEquals(0, chown.waitFor());
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : walk.toList()) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
