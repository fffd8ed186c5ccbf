package io.driftwatch.engine.verify;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The canonical text of a value, the same whether it was read from PostgreSQL or from a
 * ClickHouse view, so the two sides can be compared: exact decimals without trailing zeros,
 * booleans as 1/0, timestamps as epoch microseconds, bytes as hex.
 */
public final class CanonicalValues {
    private CanonicalValues() {}

    public static String decimal(String text) {
        BigDecimal value = new BigDecimal(text).stripTrailingZeros();
        return value.signum() == 0 ? "0" : value.toPlainString();
    }

    public static String bool(boolean value) {
        return value ? "1" : "0";
    }

    public static String micros(LocalDateTime value) {
        Instant instant = value.toInstant(ZoneOffset.UTC);
        return Long.toString(instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000);
    }

    public static String micros(OffsetDateTime value) {
        Instant instant = value.toInstant();
        return Long.toString(instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000);
    }

    /** Debezium's zoned timestamps are ISO-8601 text in UTC. */
    public static String microsOfIso(String text) {
        return micros(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
