package io.keyport.storage.kdbx.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The outer header: two signatures, the version, then fields of id u8, length (u16 in KDBX 3.x, u32 in 4.x) and
 * data, up to the end field. Fields keep their order and bytes, so a save replaces only the seeds and IVs and
 * writes every other field, known or not, as it was read.
 */
final class KdbxHeader {

    static final int SIGNATURE_1 = 0x9AA2D903;
    static final int SIGNATURE_2 = 0xB54BFB67;
    /** KeePass 1.x {@code .kdb} files share the first signature and use this second one. */
    static final int SIGNATURE_2_KDB = 0xB54BFB65;

    static final int VERSION_3_1 = 0x00030001;
    static final int VERSION_4_0 = 0x00040000;
    static final int VERSION_4_1 = 0x00040001;

    static final int END = 0;
    static final int CIPHER_ID = 2;
    static final int COMPRESSION_FLAGS = 3;
    static final int MASTER_SEED = 4;
    static final int TRANSFORM_SEED = 5;
    static final int TRANSFORM_ROUNDS = 6;
    static final int ENCRYPTION_IV = 7;
    static final int PROTECTED_STREAM_KEY = 8;
    static final int STREAM_START_BYTES = 9;
    static final int INNER_RANDOM_STREAM_ID = 10;
    static final int KDF_PARAMETERS = 11;

    /** The end field's data as KeePass writes it. */
    private static final byte[] END_DATA = {'\r', '\n', '\r', '\n'};

    record Field(int id, byte[] data) {}

    private final int version;
    private final List<Field> fields;
    private final byte[] endData;
    private final byte[] raw;

    private KdbxHeader(int version, List<Field> fields, byte[] endData, byte[] raw) {
        this.version = version;
        this.fields = fields;
        this.endData = endData;
        this.raw = raw;
    }

    /** Parses the header at the start of a file; the payload starts at offset {@link #length()}. */
    static KdbxHeader parse(byte[] file) throws KdbxException {
        ByteReader reader = new ByteReader(file, "KDBX header");
        int signature1 = reader.i32();
        int signature2 = reader.i32();
        if (signature1 == SIGNATURE_1 && signature2 == SIGNATURE_2_KDB) {
            throw KdbxException.unsupported("the file is a KeePass 1.x database (.kdb); convert it to KDBX in"
                    + " KeePassXC or KeePass 2 first");
        }
        if (signature1 != SIGNATURE_1 || signature2 != SIGNATURE_2) {
            throw KdbxException.malformed("the file does not start with the KDBX signature");
        }
        int version = reader.i32();
        int major = version >>> 16;
        if (major < 3 || major > 4) {
            throw KdbxException.unsupported("KDBX version " + major + "." + (version & 0xFFFF)
                    + " is not supported; this engine reads 3.x and 4.x");
        }

        List<Field> fields = new ArrayList<>();
        while (true) {
            int id = reader.u8();
            int length = major >= 4 ? reader.length() : reader.u16();
            byte[] data = reader.bytes(length);
            if (id == END) {
                byte[] raw = java.util.Arrays.copyOf(file, reader.position());
                return new KdbxHeader(version, List.copyOf(fields), data, raw);
            }
            fields.add(new Field(id, data));
        }
    }

    int version() {
        return version;
    }

    boolean isKdbx4() {
        return version >>> 16 >= 4;
    }

    String versionText() {
        return (version >>> 16) + "." + (version & 0xFFFF);
    }

    /** Returns the header bytes from the first signature to the end field, which the header hashes cover. */
    byte[] raw() {
        return raw.clone();
    }

    int length() {
        return raw.length;
    }

    /** Returns a field's data, or {@code null} when the header has no such field. */
    byte[] field(int id) {
        for (Field field : fields) {
            if (field.id() == id) {
                return field.data().clone();
            }
        }
        return null;
    }

    byte[] requireField(int id, String name) throws KdbxException {
        byte[] data = field(id);
        if (data == null) {
            throw KdbxException.malformed("the header has no " + name + " field");
        }
        return data;
    }

    UUID cipherId() throws KdbxException {
        byte[] data = requireField(CIPHER_ID, "cipher id");
        if (data.length != 16) {
            throw KdbxException.malformed("the cipher id has " + data.length + " bytes instead of 16");
        }
        return Uuids.fromBytes(data);
    }

    boolean compressed() throws KdbxException {
        byte[] data = requireField(COMPRESSION_FLAGS, "compression flags");
        if (data.length != 4) {
            throw KdbxException.malformed("the compression flags have " + data.length + " bytes instead of 4");
        }
        int flags = Bytes.readInt(data, 0);
        if (flags > 1 || flags < 0) {
            throw KdbxException.unsupported(
                    "compression algorithm " + flags + " is not supported; 0 is none and 1" + " is GZip");
        }
        return flags == 1;
    }

    /**
     * Returns a header with the same fields in the same order, where the given ids get new data. Ids missing
     * from this header are added before the end field.
     */
    KdbxHeader withFields(Map<Integer, byte[]> replacements) {
        List<Field> updated = new ArrayList<>();
        java.util.Set<Integer> pending = new java.util.LinkedHashSet<>(replacements.keySet());
        for (Field field : fields) {
            byte[] replacement = replacements.get(field.id());
            updated.add(replacement == null ? field : new Field(field.id(), replacement.clone()));
            pending.remove(field.id());
        }
        for (Integer id : pending) {
            updated.add(new Field(id, replacements.get(id).clone()));
        }
        return new KdbxHeader(version, List.copyOf(updated), endData, serialize(version, updated, endData));
    }

    private static byte[] serialize(int version, List<Field> fields, byte[] endData) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Bytes.writeInt(output, SIGNATURE_1);
        Bytes.writeInt(output, SIGNATURE_2);
        Bytes.writeInt(output, version);
        boolean kdbx4 = version >>> 16 >= 4;
        for (Field field : fields) {
            writeField(output, field.id(), field.data(), kdbx4);
        }
        writeField(output, END, endData.length == 0 && kdbx4 ? END_DATA : endData, kdbx4);
        return output.toByteArray();
    }

    private static void writeField(ByteArrayOutputStream output, int id, byte[] data, boolean kdbx4) {
        output.write(id);
        if (kdbx4) {
            Bytes.writeInt(output, data.length);
        } else {
            output.write(data.length & 0xFF);
            output.write(data.length >>> 8);
        }
        output.writeBytes(data);
    }
}
