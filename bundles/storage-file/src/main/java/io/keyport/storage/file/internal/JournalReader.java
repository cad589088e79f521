package io.keyport.storage.file.internal;

import io.keyport.api.storage.StorageException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a collection file: the header, then the framed records up to a torn tail, which an append interrupted by a
 * crash leaves at the end of the file.
 *
 * <p>A frame counts as torn when its header is incomplete, when its checked length runs past the end of the file,
 * when its body fails the CRC32C and it ends exactly at the end of the file, or when its length check fails and
 * only zero bytes follow. Any other failed check is corruption, and the read fails.
 */
final class JournalReader {

    /**
     * The parsed contents of a collection file.
     *
     * @param validLength the length of the header and the records that passed their checks
     * @param fileLength the length of the file; beyond {@code validLength} is a torn tail
     */
    record Contents(CollectionHeader header, List<JournalRecord> records, long validLength, long fileLength) {

        boolean hasTornTail() {
            return validLength < fileLength;
        }
    }

    private JournalReader() {}

    /**
     * Reads and checks a collection file without any key.
     *
     * @throws StorageException naming the file if it is truncated, corrupt, foreign or of a newer format version
     */
    static Contents read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileLength = channel.size();
            InputStream input = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
            return read(input, fileLength);
        } catch (MalformedDataException e) {
            throw unreadable(file, e.getMessage());
        } catch (EOFException e) {
            throw unreadable(file, "it ended while being read, so another program may be changing it");
        } catch (IOException e) {
            throw new StorageException("Could not read collection file " + file + ": " + e, e);
        }
    }

    static StorageException unreadable(Path file, String reason) {
        return new StorageException("Collection file " + file + " is unreadable: " + reason
                + ". Keyport did not change it; restore it from a backup or move it out of the directory.");
    }

    private static Contents read(InputStream input, long fileLength) throws IOException {
        if (fileLength < CollectionHeader.FIXED_PREFIX_LENGTH) {
            throw new MalformedDataException(
                    "it has " + fileLength + " bytes, fewer than a header, so it is truncated");
        }
        byte[] prefix = input.readNBytes(CollectionHeader.FIXED_PREFIX_LENGTH);
        int headerLength = CollectionHeader.readLength(prefix);
        if (headerLength > fileLength) {
            throw new MalformedDataException("it has " + fileLength + " bytes, fewer than its " + headerLength
                    + "-byte header, so it is truncated");
        }
        byte[] header = Arrays.copyOf(prefix, headerLength);
        readFully(input, header, prefix.length, headerLength - prefix.length);
        CollectionHeader decoded = CollectionHeader.decode(header);

        List<JournalRecord> records = new ArrayList<>();
        long offset = headerLength;
        while (offset < fileLength) {
            Framed framed = readRecord(input, offset, fileLength - offset);
            if (framed == null) {
                break;
            }
            records.add(framed.record());
            offset += framed.frameLength();
        }
        return new Contents(decoded, List.copyOf(records), offset, fileLength);
    }

    private record Framed(JournalRecord record, long frameLength) {}

    /** Reads the record at {@code offset}, or returns {@code null} if it is a torn tail. */
    private static Framed readRecord(InputStream input, long offset, long remaining) throws IOException {
        if (remaining < FileFormat.FRAME_HEADER_LENGTH) {
            return null;
        }
        byte[] frameHeader = new byte[FileFormat.FRAME_HEADER_LENGTH];
        readFully(input, frameHeader, 0, frameHeader.length);
        BinaryReader fields = new BinaryReader(frameHeader);
        long length = Integer.toUnsignedLong(fields.readInt());
        int lengthCrc = fields.readInt();
        int bodyCrc = fields.readInt();

        if (FileFormat.crc32c(frameHeader, 0, 4) != lengthCrc) {
            if (isZeros(frameHeader) && restIsZeros(input, remaining - frameHeader.length)) {
                return null;
            }
            throw new MalformedDataException("the length of the record at offset " + offset
                    + " does not match its checksum (CRC32C), so the file is corrupt");
        }
        if (length == 0 || length > FileFormat.MAX_RECORD_LENGTH) {
            throw new MalformedDataException("the record at offset " + offset + " has an invalid length of " + length
                    + " bytes, so the file is corrupt");
        }
        if (FileFormat.FRAME_HEADER_LENGTH + length > remaining) {
            return null;
        }

        byte[] body = new byte[(int) length];
        readFully(input, body, 0, body.length);
        if (FileFormat.crc32c(body, 0, body.length) != bodyCrc) {
            if (FileFormat.FRAME_HEADER_LENGTH + length == remaining) {
                return null;
            }
            throw new MalformedDataException(
                    "the record at offset " + offset + " does not match its checksum (CRC32C), so the file is corrupt");
        }
        try {
            return new Framed(JournalRecord.decode(body), FileFormat.FRAME_HEADER_LENGTH + length);
        } catch (MalformedDataException e) {
            throw new MalformedDataException("the record at offset " + offset + " is invalid: " + e.getMessage());
        }
    }

    private static boolean restIsZeros(InputStream input, long length) throws IOException {
        byte[] buffer = new byte[8192];
        long left = length;
        while (left > 0) {
            int read = input.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new EOFException();
            }
            for (int i = 0; i < read; i++) {
                if (buffer[i] != 0) {
                    return false;
                }
            }
            left -= read;
        }
        return true;
    }

    private static boolean isZeros(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void readFully(InputStream input, byte[] buffer, int offset, int length) throws IOException {
        int read = input.readNBytes(buffer, offset, length);
        if (read != length) {
            throw new EOFException();
        }
    }
}
