package io.keyport.storage.kdbx.internal;

import java.util.Arrays;
import java.util.UUID;

/**
 * A file's key derivation function and its parameters, from the KDBX 4 KdfParameters field or the KDBX 3.x
 * TransformSeed and TransformRounds fields. Two files with equal {@link #identity()} turn a composite key into
 * the same transformed key, which lets a reload skip the KDF.
 */
final class KdfParameters {

    static final UUID AES_KDF = UUID.fromString("7c02bb82-79a7-4ac0-927d-114a00648238");
    /** KDBX 3.x's AES-KDF id, still found in KDBX 4 files converted by some programs. */
    static final UUID AES_KDF_LEGACY = UUID.fromString("c9d9f39a-628a-4460-bf74-0d08c18a4fea");

    static final UUID ARGON2D = UUID.fromString("ef636ddf-8c29-444b-91f7-a9a403e30a0c");
    static final UUID ARGON2ID = UUID.fromString("9e298b19-56db-4773-b23d-fc3ec6f0a1e6");

    enum Algorithm {
        AES_KDF("AES-KDF"),
        ARGON2D("Argon2d"),
        ARGON2ID("Argon2id");

        private final String displayName;

        Algorithm(String displayName) {
            this.displayName = displayName;
        }

        @Override
        public String toString() {
            return displayName;
        }
    }

    private final Algorithm algorithm;
    private final VariantDictionary dictionary;
    private final byte[] identity;

    private KdfParameters(Algorithm algorithm, VariantDictionary dictionary, byte[] identity) {
        this.algorithm = algorithm;
        this.dictionary = dictionary;
        this.identity = identity;
    }

    /** Reads the KDBX 4 KdfParameters field. */
    static KdfParameters fromField(byte[] field) throws KdbxException {
        VariantDictionary dictionary = VariantDictionary.parse(field);
        byte[] uuid = dictionary.bytes("$UUID");
        if (uuid.length != 16) {
            throw KdbxException.malformed("the KDF id has " + uuid.length + " bytes instead of 16");
        }
        UUID id = Uuids.fromBytes(uuid);
        Algorithm algorithm;
        if (id.equals(AES_KDF) || id.equals(AES_KDF_LEGACY)) {
            algorithm = Algorithm.AES_KDF;
        } else if (id.equals(ARGON2D)) {
            algorithm = Algorithm.ARGON2D;
        } else if (id.equals(ARGON2ID)) {
            algorithm = Algorithm.ARGON2ID;
        } else {
            throw KdbxException.unsupported(
                    "KDF " + id + " is not supported; this engine knows AES-KDF, Argon2d" + " and Argon2id");
        }
        return new KdfParameters(algorithm, dictionary, field.clone());
    }

    /** Builds AES-KDF parameters from the KDBX 3.x TransformSeed and TransformRounds fields. */
    static KdfParameters fromTransformFields(byte[] seed, byte[] rounds) throws KdbxException {
        if (rounds.length != 8) {
            throw KdbxException.malformed("the transform rounds field has " + rounds.length + " bytes instead of 8");
        }
        VariantDictionary dictionary = new VariantDictionary();
        dictionary.putBytes("$UUID", Uuids.toBytes(AES_KDF));
        dictionary.putUint64("R", Bytes.readLong(rounds, 0));
        dictionary.putBytes("S", seed);
        return new KdfParameters(Algorithm.AES_KDF, dictionary, dictionary.serialize());
    }

    Algorithm algorithm() {
        return algorithm;
    }

    VariantDictionary dictionary() {
        return dictionary;
    }

    byte[] identity() {
        return identity.clone();
    }

    boolean sameAs(KdfParameters other) {
        return other != null && Arrays.equals(identity, other.identity);
    }

    /** Returns the Argon2 memory in bytes, or 0 for AES-KDF. */
    long memoryBytes() throws KdbxException {
        return algorithm == Algorithm.AES_KDF ? 0 : dictionary.uint64("M");
    }

    @Override
    public String toString() {
        return algorithm.toString();
    }
}
