package io.keyport.api.crypto;

import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The Secret Service transfer algorithms, which protect secrets in {@code Secret} structs between a client and the
 * daemon. The exporter of {@code org.freedesktop.Secret.Service.OpenSession} calls {@link #open(String, byte[])}
 * with the client's algorithm name and input, and keeps the returned {@link TransferSession} as the session object.
 *
 * <p>Supported algorithms:
 *
 * <ul>
 *   <li>{@value #PLAIN}: no encryption. The input must be empty and the output is empty.
 *   <li>{@value #DH_IETF1024_SHA256_AES128_CBC_PKCS7}: Diffie-Hellman in the 1024-bit MODP group of RFC 2409
 *       section 6.2 (generator 2), HKDF-SHA256 of the shared secret to a 16-byte key, and AES-128-CBC with PKCS#7
 *       padding. The input is the client's public key and the output is the service's public key.
 * </ul>
 *
 * <p>Implementations are thread-safe.
 */
@ProviderType
public interface TransferAlgorithms {

    /** The algorithm name that sends secrets unencrypted. */
    String PLAIN = "plain";

    /** The algorithm name for Diffie-Hellman key agreement with AES-128-CBC. */
    String DH_IETF1024_SHA256_AES128_CBC_PKCS7 = "dh-ietf1024-sha256-aes128-cbc-pkcs7";

    /**
     * Returns the names of the algorithms that {@link #open(String, byte[])} accepts.
     *
     * @return an unmodifiable set of algorithm names
     */
    Set<String> algorithms();

    /**
     * Opens a transfer session for the algorithm a client named in {@code OpenSession}.
     *
     * <p>The input depends on the algorithm:
     *
     * <ul>
     *   <li>{@value #PLAIN}: an empty array. The client sends an empty string variant, and the exporter checks the
     *       variant type and passes no bytes.
     *   <li>{@value #DH_IETF1024_SHA256_AES128_CBC_PKCS7}: the client's public key as an unsigned big-endian integer,
     *       at most 128 bytes long or exactly 129 bytes with a leading zero byte. Its value must lie in [2, p - 2].
     * </ul>
     *
     * @param algorithm the algorithm name, compared exactly
     * @param input the client's input bytes, not retained
     * @return a new open session whose {@link TransferSession#output()} the exporter sends back to the client
     * @throws UnsupportedAlgorithmException if {@code algorithm} is not in {@link #algorithms()}, which the exporter
     *     reports as {@code org.freedesktop.DBus.Error.NotSupported}
     * @throws InvalidTransferInputException if {@code input} is malformed for the algorithm, which the exporter
     *     reports as {@code org.freedesktop.DBus.Error.InvalidArgs}
     * @throws NullPointerException if an argument is null
     */
    TransferSession open(String algorithm, byte[] input);
}
