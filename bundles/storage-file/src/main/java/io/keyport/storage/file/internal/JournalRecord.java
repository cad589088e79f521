package io.keyport.storage.file.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One change in a collection journal, with its binary encoding inside a length and CRC32C frame. */
sealed interface JournalRecord {

    int ITEM_PUT = 1;
    int ITEM_DELETE = 2;
    int COLLECTION_META = 3;

    int type();

    /** Writes the fields after the type byte. */
    void writeBody(BinaryWriter writer);

    /** Returns the framed record: length, length CRC32C, body CRC32C, type and body. */
    default byte[] frame() {
        BinaryWriter writer = new BinaryWriter(256);
        writer.writeInt(0).writeInt(0).writeInt(0).writeByte(type());
        writeBody(writer);
        int length = writer.size() - FileFormat.FRAME_HEADER_LENGTH;
        writer.putInt(0, length);
        writer.putInt(4, FileFormat.crc32c(writer.array(), 0, 4));
        writer.putInt(8, FileFormat.crc32c(writer.array(), FileFormat.FRAME_HEADER_LENGTH, length));
        return writer.toByteArray();
    }

    /** Decodes the type byte and body of a frame whose CRC matched. */
    static JournalRecord decode(byte[] payload) {
        BinaryReader reader = new BinaryReader(payload);
        int type = reader.readUnsignedByte();
        JournalRecord record = switch (type) {
            case ITEM_PUT -> ItemPut.read(reader);
            case ITEM_DELETE -> new ItemDelete(readId(reader), reader.readLong());
            case COLLECTION_META ->
                new CollectionMeta(
                        reader.readLong(), reader.readLong(), reader.readIntLengthBytes(FileFormat.MAX_RECORD_LENGTH));
            default -> throw new MalformedDataException("unknown record type " + type);
        };
        reader.expectEnd();
        return record;
    }

    private static String readId(BinaryReader reader) {
        String id = new String(reader.readByteLengthBytes(), StandardCharsets.US_ASCII);
        if (!FileFormat.isValidId(id)) {
            throw new MalformedDataException("an item id in a record is not valid");
        }
        return id;
    }

    /**
     * The whole state of an item after a change: clear id, times and attribute tags, and the sealed payload with
     * the label, attributes and secret.
     */
    record ItemPut(String id, long created, long modified, List<AttributeTag> tags, byte[] sealedPayload)
            implements JournalRecord {

        @Override
        public int type() {
            return ITEM_PUT;
        }

        @Override
        public void writeBody(BinaryWriter writer) {
            writeClearFields(writer);
            writer.writeIntLengthBytes(sealedPayload);
        }

        /** Returns what the payload's AES-256-GCM tag authenticates: the collection uuid and the clear fields. */
        static byte[] associatedData(
                byte[] collectionUuid, String id, long created, long modified, List<AttributeTag> tags) {
            BinaryWriter writer = new BinaryWriter(64 + 32 * tags.size());
            writer.writeBytes(collectionUuid).writeByte(ITEM_PUT);
            new ItemPut(id, created, modified, tags, new byte[0]).writeClearFields(writer);
            return writer.toByteArray();
        }

        private void writeClearFields(BinaryWriter writer) {
            writer.writeByteLengthBytes(id.getBytes(StandardCharsets.US_ASCII))
                    .writeLong(created)
                    .writeLong(modified)
                    .writeShort(tags.size());
            for (AttributeTag tag : tags) {
                tag.writeTo(writer);
            }
        }

        private static ItemPut read(BinaryReader reader) {
            String id = readId(reader);
            long created = reader.readLong();
            long modified = reader.readLong();
            int count = reader.readUnsignedShort();
            if (count > FileFormat.MAX_ATTRIBUTES) {
                throw new MalformedDataException(
                        "an item record has " + count + " attribute tags, more than " + FileFormat.MAX_ATTRIBUTES);
            }
            List<AttributeTag> tags = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                tags.add(new AttributeTag(reader.readBytes(FileFormat.TAG_LENGTH)));
            }
            byte[] sealed = reader.readIntLengthBytes(FileFormat.MAX_RECORD_LENGTH);
            return new ItemPut(id, created, modified, List.copyOf(tags), sealed);
        }
    }

    /** The deletion of an item, with the collection's new modification time. */
    record ItemDelete(String id, long modified) implements JournalRecord {

        @Override
        public int type() {
            return ITEM_DELETE;
        }

        @Override
        public void writeBody(BinaryWriter writer) {
            writer.writeByteLengthBytes(id.getBytes(StandardCharsets.US_ASCII)).writeLong(modified);
        }
    }
    /**
     * The collection's modification time, the highest item number ever issued, so that no item id is used twice,
     * and the collection label sealed under the label key.
     */
    record CollectionMeta(long modified, long lastItemNumber, byte[] sealedLabel) implements JournalRecord {

        @Override
        public int type() {
            return COLLECTION_META;
        }

        @Override
        public void writeBody(BinaryWriter writer) {
            writer.writeLong(modified).writeLong(lastItemNumber).writeIntLengthBytes(sealedLabel);
        }
        /** Returns what the label's AES-256-GCM tag authenticates: the collection uuid, the type and both numbers. */
        static byte[] associatedData(byte[] collectionUuid, long modified, long lastItemNumber) {
            return new BinaryWriter(48)
                    .writeBytes(collectionUuid)
                    .writeByte(COLLECTION_META)
                    .writeLong(modified)
                    .writeLong(lastItemNumber)
                    .toByteArray();
        }
    }
}
