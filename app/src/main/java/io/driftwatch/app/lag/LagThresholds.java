package io.driftwatch.app.lag;

import java.util.Locale;

/**
 * Where each stage's lag turns amber and red. The defaults suit GlobalMart's demo on one
 * machine; {@code --lag-thresholds} overrides any of them.
 *
 * <p>Why these defaults: a slot 16 MiB behind is seconds of heavy traffic and 256 MiB starts to
 * matter for the primary's disk; a thousand records is a few seconds of the Black Friday burst;
 * five seconds from commit to visible is the demo's promise to analysts, thirty is an incident.
 */
public record LagThresholds(long slotAmberBytes, long slotRedBytes, long consumerAmber, long consumerRed,
                            long visibilityAmberMillis, long visibilityRedMillis) {

    public LagThresholds {
        check("slot", slotAmberBytes, slotRedBytes);
        check("kafka", consumerAmber, consumerRed);
        check("visible", visibilityAmberMillis, visibilityRedMillis);
    }

    public static LagThresholds defaults() {
        return new LagThresholds(16L << 20, 256L << 20, 1_000, 10_000, 5_000, 30_000);
    }

    public static final String SYNTAX = "slot=AMBER/RED,kafka=AMBER/RED,visible=AMBER/RED, e.g. slot=16MiB/256MiB,kafka=1000/10000,visible=5s/30s";

    /** Overrides the defaults with {@code slot=16MiB/256MiB,kafka=1000/10000,visible=5s/30s}; any subset, in any order. */
    public static LagThresholds parse(String spec) {
        LagThresholds t = defaults();
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            int slash = p.indexOf('/');
            if (eq < 0 || slash < eq) {
                throw new IllegalArgumentException("--lag-thresholds: '" + p + "' is not NAME=AMBER/RED; expected " + SYNTAX);
            }
            String name = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String amber = p.substring(eq + 1, slash).trim();
            String red = p.substring(slash + 1).trim();
            t = switch (name) {
                case "slot" -> new LagThresholds(bytes(amber), bytes(red), t.consumerAmber, t.consumerRed, t.visibilityAmberMillis,
                        t.visibilityRedMillis);
                case "kafka" -> new LagThresholds(t.slotAmberBytes, t.slotRedBytes, count(amber), count(red), t.visibilityAmberMillis,
                        t.visibilityRedMillis);
                case "visible" -> new LagThresholds(t.slotAmberBytes, t.slotRedBytes, t.consumerAmber, t.consumerRed, millis(amber),
                        millis(red));
                default -> throw new IllegalArgumentException("--lag-thresholds: unknown stage '" + name + "'; expected " + SYNTAX);
            };
        }
        return t;
    }

    public long amber(LagStage stage) {
        return switch (stage) {
            case SLOT -> slotAmberBytes;
            case CONSUMER -> consumerAmber;
            case VISIBILITY -> visibilityAmberMillis;
        };
    }

    public long red(LagStage stage) {
        return switch (stage) {
            case SLOT -> slotRedBytes;
            case CONSUMER -> consumerRed;
            case VISIBILITY -> visibilityRedMillis;
        };
    }

    public LagLevel levelOf(LagStage stage, long value) {
        return value >= red(stage) ? LagLevel.RED : value >= amber(stage) ? LagLevel.AMBER : LagLevel.OK;
    }

    /** One line for the screen: every stage's amber and red. */
    public String describe() {
        StringBuilder b = new StringBuilder("Amber / red at:");
        for (LagStage stage : LagStage.values()) {
            b.append(stage == LagStage.SLOT ? " " : "; ").append(stage.what()).append(' ')
                    .append(stage.format(amber(stage))).append(" / ").append(stage.format(red(stage)));
        }
        return b.toString();
    }

    private static void check(String name, long amber, long red) {
        if (amber <= 0 || red < amber) {
            throw new IllegalArgumentException("--lag-thresholds: " + name + " needs 0 < amber <= red, was " + amber + "/" + red);
        }
    }

    private static long count(String text) {
        try {
            return Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--lag-thresholds: '" + text + "' is not a number of records");
        }
    }

    static long bytes(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        String[][] units = {{"GIB", "1073741824"}, {"MIB", "1048576"}, {"KIB", "1024"}, {"GB", "1000000000"}, {"MB", "1000000"},
            {"KB", "1000"}, {"B", "1"}};
        for (String[] u : units) {
            if (t.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                t = t.substring(0, t.length() - u[0].length()).trim();
                break;
            }
        }
        try {
            return Math.round(Double.parseDouble(t) * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--lag-thresholds: '" + text + "' is not a size such as 16MiB or 500KB");
        }
    }

    static long millis(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) return Long.parseLong(t.substring(0, t.length() - 2).trim());
            if (t.endsWith("s")) return Math.round(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 1000);
            if (t.endsWith("m")) return Math.round(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 60_000);
            return Math.round(Double.parseDouble(t) * 1000);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--lag-thresholds: '" + text + "' is not a duration such as 5s or 500ms");
        }
    }
}
