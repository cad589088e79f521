package io.keyport.crypto.internal;

import io.keyport.api.crypto.Argon2idParameters;
import io.keyport.api.crypto.KeyDerivation;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.osgi.service.component.annotations.Component;

/** HKDF-SHA256 and Argon2id on Bouncy Castle's lightweight API. */
@Component(service = KeyDerivation.class)
public final class BouncyCastleKeyDerivation implements KeyDerivation {

    /** Argon2 memory in KiB from which a derivation ends with a full garbage collection. */
    private static final int COLLECT_AFTER_KIB = 8 * 1024;

    @Override
    public byte[] hkdfSha256(byte[] inputKeyMaterial, byte[] salt, byte[] info, int length) {
        Objects.requireNonNull(inputKeyMaterial, "inputKeyMaterial");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(info, "info");
        return HkdfSha256.derive(inputKeyMaterial, salt, info, length);
    }

    @Override
    public byte[] argon2id(byte[] password, byte[] salt, Argon2idParameters parameters, int length) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(parameters, "parameters");
        if (salt.length < ARGON2_MIN_SALT_LENGTH) {
            throw new IllegalArgumentException("Argon2 salt must be at least " + ARGON2_MIN_SALT_LENGTH
                    + " bytes but is " + salt.length + " bytes");
        }
        if (length < ARGON2_MIN_LENGTH) {
            throw new IllegalArgumentException(
                    "Argon2 output length must be at least " + ARGON2_MIN_LENGTH + " bytes but is " + length);
        }

        Argon2Parameters generatorParameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(parameters.memoryKiB())
                .withIterations(parameters.iterations())
                .withParallelism(parameters.parallelism())
                .build();
        byte[] output = new byte[length];
        try {
            generate(password, generatorParameters, output);
        } finally {
            generatorParameters.clear();
        }
        if (parameters.memoryKiB() >= COLLECT_AFTER_KIB) {
            // The work area lives on the Java heap, which the serial collector keeps committed once it has grown.
            // A full collection lets the JVM uncommit it, with the heap free ratios that bin/keyport sets.
            System.gc();
        }
        return output;
    }

    /**
     * Runs Argon2 into {@code output}. Bouncy Castle 1.87 zeroes each block of its work area when done, and the
     * work area becomes unreachable when this method returns.
     */
    private static void generate(byte[] password, Argon2Parameters parameters, byte[] output) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        generator.generateBytes(password, output);
    }
}
