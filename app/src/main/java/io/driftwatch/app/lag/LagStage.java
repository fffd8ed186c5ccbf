package io.driftwatch.app.lag;

import io.driftwatch.engine.api.ByteSize;
import java.util.Locale;

/** The stages a lag is measured at, in pipeline order, each with its unit. */
public enum LagStage {
    /** WAL the region's replication slot has not confirmed, in bytes. */
    SLOT("PostgreSQL → capture", "replication slot lag", "MiB"),
    /** Records in a partition beyond the processing job's committed offset. */
    CONSUMER("Kafka → processing", "consumer-group lag", "records"),
    /** How long the oldest captured transaction not yet visible in the views has waited since its commit, in milliseconds. */
    VISIBILITY("commit → visible", "visibility lag", "s");

    private final String title;
    private final String what;
    private final String chartUnit;

    LagStage(String title, String what, String chartUnit) {
        this.title = title;
        this.what = what;
        this.chartUnit = chartUnit;
    }

    public String title() {
        return title;
    }

    /** What the number means, e.g. "consumer-group lag". */
    public String what() {
        return what;
    }

    public String chartUnit() {
        return chartUnit;
    }

    /** A raw value in the stage's chart unit. */
    public double chartValue(long raw) {
        return switch (this) {
            case SLOT -> raw / (1024.0 * 1024.0);
            case CONSUMER -> raw;
            case VISIBILITY -> raw / 1000.0;
        };
    }

    /** A raw value for people: {@code 3.2 MiB}, {@code 1,234 records}, {@code 1.4 s}. */
    public String format(long raw) {
        return switch (this) {
            case SLOT -> ByteSize.human(raw);
            case CONSUMER -> String.format(Locale.ROOT, "%,d %s", raw, raw == 1 ? "record" : "records");
            case VISIBILITY -> raw < 10_000 ? String.format(Locale.ROOT, "%.1f s", raw / 1000.0)
                    : raw < 120_000 ? String.format(Locale.ROOT, "%d s", raw / 1000) : String.format(Locale.ROOT, "%d min %d s", raw / 60_000, raw / 1000 % 60);
        };
    }
}
