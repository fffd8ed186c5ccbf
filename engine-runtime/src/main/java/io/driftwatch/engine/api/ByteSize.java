package io.driftwatch.engine.api;

import java.util.Locale;

/**
 * Sizes for people, in binary units: {@code 512 B}, {@code 1.5 KiB}, {@code 20 MiB}, {@code 130 GiB}.
 * One decimal only where it carries information (below 100 and not whole); the same digits in every
 * locale, so the command line, the console and their tests agree. {@code ?} for an unknown size (negative).
 *
 * <p>Why in the API package: the command line and the console both print sizes, and the console
 * may use nothing of the engine but this package.
 */
public final class ByteSize {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private ByteSize() {}

    public static String human(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < UNITS.length - 1) {
            v /= 1024;
            i++;
        }
        // Round first, so 1023.96 KiB does not print as "1024.0 KiB" but as "1024 KiB".
        double tenths = Math.round(v * 10) / 10.0;
        return String.format(Locale.ROOT, tenths >= 100 || tenths == Math.rint(tenths) ? "%.0f %s" : "%.1f %s", tenths, UNITS[i]);
    }
}
