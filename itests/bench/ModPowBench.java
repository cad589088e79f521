import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Times BigInteger.modPow in the 1024-bit MODP group of RFC 2409 (generator 2), the operation that
 * dh-ietf1024-sha256-aes128-cbc-pkcs7 performs twice per OpenSession on the service side.
 *
 * <p>Run with the JIT settings to compare, for example
 * {@code java -XX:TieredStopAtLevel=1 itests/bench/ModPowBench.java}.
 */
public class ModPowBench {
    private static final BigInteger PRIME = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
                    + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
                    + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF",
            16);
    private static final int CALLS = 400;

    public static void main(String[] args) {
        SecureRandom random = new SecureRandom();
        for (int exponentBits : new int[] {1024, 256}) {
            long[] nanos = new long[CALLS];
            for (int i = 0; i < CALLS; i++) {
                BigInteger exponent = new BigInteger(exponentBits, random);
                long start = System.nanoTime();
                BigInteger.TWO.modPow(exponent, PRIME);
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf("%d-bit exponent: median %d us, p99 %d us over %d calls%n", exponentBits,
                    nanos[CALLS / 2] / 1000, nanos[(CALLS * 99 + 99) / 100 - 1] / 1000, CALLS);
        }
    }
}
