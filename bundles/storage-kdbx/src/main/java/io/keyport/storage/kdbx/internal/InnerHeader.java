package io.keyport.storage.kdbx.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * KDBX 4's inner header at the start of the decrypted payload: fields of id u8, size i32 and data, ended by field 0.
 * Field 1 is the inner stream id, 2 its key and 3 an attachment (a flags byte, then the content). Fields of other
 * ids are kept and written back.
 */
final class InnerHeader {

    static final int END = 0;
    static final int STREAM_ID = 1;
    static final int STREAM_KEY = 2;
    static final int BINARY = 3;

    /** Attachment flag bit 0: the program should protect the content in memory. */
    static final int FLAG_PROTECT = 1;

    record Field(int id, byte[] data) {}

    private final int streamId;
    private final List<Field> otherFields;
    private final BinaryPool binaries;

    InnerHeader(int streamId, List<Field> otherFields, BinaryPool binaries) {
        this.streamId = streamId;
        this.otherFields = otherFields;
        this.binaries = binaries;
    }

    /** The parsed header, the inner stream key and the offset at which the XML starts. */
    record Parsed(InnerHeader header, byte[] streamKey, int xmlOffset) {}

    static Parsed parse(byte[] plain) throws KdbxException {
        ByteReader reader = new ByteReader(plain, "inner header");
        int streamId = -1;
        byte[] streamKey = null;
        List<Field> other = new ArrayList<>();
        BinaryPool binaries = new BinaryPool();
        while (true) {
            int id = reader.u8();
            byte[] data = reader.bytes(reader.length());
            switch (id) {
                case END -> {
                    if (streamId < 0 || streamKey == null) {
                        throw KdbxException.malformed("the inner header has no inner stream id or key");
                    }
                    return new Parsed(new InnerHeader(streamId, other, binaries), streamKey, reader.position());
                }
                case STREAM_ID -> {
                    if (data.length != 4) {
                        throw KdbxException.malformed("the inner stream id has " + data.length + " bytes, not 4");
                    }
                    streamId = Bytes.readInt(data, 0);
                }
                case STREAM_KEY -> streamKey = data;
                case BINARY -> {
                    if (data.length < 1) {
                        throw KdbxException.malformed("attachment " + binaries.size() + " has no flags byte");
                    }
                    binaries.add(java.util.Arrays.copyOfRange(data, 1, data.length), (data[0] & FLAG_PROTECT) != 0);
                    Bytes.wipe(data);
                }
                default -> other.add(new Field(id, data));
            }
        }
    }

    int streamId() {
        return streamId;
    }

    BinaryPool binaries() {
        return binaries;
    }

    /** Serialises the header with a new inner stream key, the kept fields and the attachment pool. */
    void write(ByteArrayOutputStream output, byte[] streamKey) {
        writeField(output, STREAM_ID, Bytes.int32(streamId));
        writeField(output, STREAM_KEY, streamKey);
        for (Field field : otherFields) {
            writeField(output, field.id(), field.data());
        }
        for (int i = 0; i < binaries.size(); i++) {
            BinaryPool.Attachment attachment = binaries.get(i);
            byte[] content = attachment.content();
            output.write(BINARY);
            Bytes.writeInt(output, content.length + 1);
            output.write(attachment.protect() ? FLAG_PROTECT : 0);
            output.writeBytes(content);
        }
        writeField(output, END, new byte[0]);
    }

    void wipe() {
        binaries.wipe();
    }

    private static void writeField(ByteArrayOutputStream output, int id, byte[] data) {
        output.write(id);
        Bytes.writeInt(output, data.length);
        output.writeBytes(data);
    }
}
