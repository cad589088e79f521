package io.keyport.api.crypto;

/**
 * The cost parameters of Argon2id (version 0x13), which a storage engine stores beside the salt so that it can
 * derive the same key again.
 *
 * <p>The constructor checks the ranges of RFC 9106 section 3.1 that fit in an {@code int}. It enforces no upper
 * bound on memory or passes, so a caller that reads parameters from a file should check them against its own
 * limits before deriving, because a modified file could otherwise demand gigabytes of memory.
 *
 * @param memoryKiB the memory size m in kibibytes, at least {@code 8 * parallelism}
 * @param iterations the number of passes t, at least 1
 * @param parallelism the number of lanes p, from 1 to 2^24 - 1
 */
public record Argon2idParameters(int memoryKiB, int iterations, int parallelism) {

    /**
     * The option that RFC 9106 section 4 recommends when much less than 2 GiB of memory is available: 64 MiB, 3
     * passes, 4 lanes.
     */
    public static final Argon2idParameters RFC_9106_SECOND_RECOMMENDED = new Argon2idParameters(64 * 1024, 3, 4);

    /**
     * Checks the parameter ranges.
     *
     * @param memoryKiB the memory size m in kibibytes, at least {@code 8 * parallelism}
     * @param iterations the number of passes t, at least 1
     * @param parallelism the number of lanes p, from 1 to 2^24 - 1
     * @throws IllegalArgumentException if a parameter is out of range
     */
    public Argon2idParameters {
        if (parallelism < 1 || parallelism > (1 << 24) - 1) {
            throw new IllegalArgumentException("Argon2 parallelism must be from 1 to 2^24 - 1 but is " + parallelism);
        }
        if (memoryKiB < 8 * parallelism) {
            throw new IllegalArgumentException("Argon2 memory must be at least 8 KiB per lane (" + 8 * parallelism
                    + " KiB) but is " + memoryKiB + " KiB");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("Argon2 iterations must be at least 1 but is " + iterations);
        }
    }
}
