package io.keyport.crypto.internal;

import io.keyport.api.crypto.TransferAlgorithms;
import io.keyport.api.crypto.TransferSession;
import io.keyport.api.crypto.UnsupportedAlgorithmException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Component;

/** The transfer algorithms of the Secret Service specification: {@code plain} and the Diffie-Hellman AES one. */
@Component(service = TransferAlgorithms.class)
public final class SecretServiceTransferAlgorithms implements TransferAlgorithms {

    private final Map<String, TransferAlgorithm> algorithmsByName;

    /** Creates the service with the platform's default {@link SecureRandom}. */
    public SecretServiceTransferAlgorithms() {
        this(new SecureRandom());
    }

    SecretServiceTransferAlgorithms(SecureRandom random) {
        algorithmsByName = Stream.of(new PlainTransferAlgorithm(), new DhAesTransferAlgorithm(random))
                .collect(Collectors.toUnmodifiableMap(TransferAlgorithm::name, Function.identity()));
    }

    @Override
    public Set<String> algorithms() {
        return algorithmsByName.keySet();
    }

    @Override
    public TransferSession open(String algorithm, byte[] input) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(input, "input");

        TransferAlgorithm transferAlgorithm = algorithmsByName.get(algorithm);
        if (transferAlgorithm == null) {
            throw new UnsupportedAlgorithmException(
                    algorithm,
                    "Unsupported transfer algorithm '" + algorithm + "'. Supported algorithms: "
                            + String.join(", ", new TreeSet<>(algorithmsByName.keySet())));
        }
        return transferAlgorithm.open(input);
    }
}
