package io.keyport.storage.kdbx.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Timestamps: KDBX 4 stores base64 of an i64 LE count of seconds since 0001-01-01T00:00:00Z, KDBX 3.x ISO-8601
 * text in UTC. Both forms are read in either version, as KeePassXC does.
 */
final class KdbxTimes {

    /** Seconds from 0001-01-01T00:00:00Z to the Unix epoch. */
    static final long EPOCH_OFFSET = 62_135_596_800L;

    private KdbxTimes() {}

    /** Returns the time in Unix seconds, or {@code fallback} when the text is empty or invalid. */
    static long parse(String text, long fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String trimmed = text.trim();
        if (trimmed.indexOf('-') > 0 && trimmed.indexOf('T') > 0) {
            try {
                String utc = trimmed.endsWith("Z") || trimmed.contains("+") ? trimmed : trimmed + "Z";
                return Instant.parse(utc).getEpochSecond();
            } catch (DateTimeParseException e) {
                return fallback;
            }
        }
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(trimmed);
            return bytes.length == 8 ? Bytes.readLong(bytes, 0) - EPOCH_OFFSET : fallback;
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    static String format(long unixSeconds, boolean kdbx4) {
        if (kdbx4) {
            return Base64.getEncoder().encodeToString(Bytes.int64(unixSeconds + EPOCH_OFFSET));
        }
        return Instant.ofEpochSecond(unixSeconds)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }
}
