package io.driftwatch.app.pipeline;

/** The stages a change passes through, in pipeline order, as the topology draws them per region. */
public enum Stage {
    POSTGRES("PostgreSQL"),
    CAPTURE("Capture"),
    KAFKA("Kafka"),
    MIRROR("MirrorMaker 2"),
    FLINK("Flink"),
    CLICKHOUSE("ClickHouse");

    private final String title;

    Stage(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
