package io.driftwatch.app.shell;

/** The console's screens, in navigation order; Ctrl+1 … Ctrl+6 select them. */
public enum Screen {
    PIPELINE("Pipeline", "Per region: PostgreSQL → capture → Kafka → mirror → Flink → ClickHouse, each stage's health and throughput."),
    LAG("Lag", "Every lag over time, per stage and per table or partition, with thresholds and alerts."),
    CONFLICTS("Conflicts", "Concurrent changes the merge could not settle, with the competing version vectors."),
    INVENTORY("Inventory", "Per SKU: stock by region and merged; oversell incidents and the sales behind them."),
    SCHEMAS("Schemas", "Subjects, versions, diffs, compatibility levels, and a check for a new schema."),
    REGIONS("Regions", "Each region's state, MirrorMaker 2 lag, the active region, fail-over and fail-back.");

    private final String title;
    private final String purpose;

    Screen(String title, String purpose) {
        this.title = title;
        this.purpose = purpose;
    }

    public String title() {
        return title;
    }

    public String purpose() {
        return purpose;
    }

    /** The name the command line uses: {@code pipeline}, {@code lag}, … */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Every screen's command-line name, comma-separated. */
    public static String names() {
        return java.util.Arrays.stream(values()).map(Screen::cliName).collect(java.util.stream.Collectors.joining(", "));
    }

    /** The screen with a command-line name or title, in any case; the error names the valid ones. */
    public static Screen named(String name) {
        for (Screen screen : values()) {
            if (screen.cliName().equalsIgnoreCase(name.trim()) || screen.title.equalsIgnoreCase(name.trim())) {
                return screen;
            }
        }
        throw new IllegalArgumentException("--screen: unknown screen '" + name + "'; screens: " + names());
    }

    /** The key that selects it together with Ctrl. */
    public String shortcutDigit() {
        return Integer.toString(ordinal() + 1);
    }
}
