package io.driftwatch.engine.service;

import io.driftwatch.engine.api.AttachedPipeline;
import io.driftwatch.engine.api.FailoverFigures;
import io.driftwatch.engine.api.RegionControl;
import io.driftwatch.engine.failover.FailoverLog;
import io.driftwatch.engine.sink.ClickHouseHttp;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * The failover controller of a pipeline running elsewhere, as an attached console or the CLI
 * reaches it: which region processes comes from the engine's reports on the status topic, the
 * moves' figures from the views' database ({@code _failovers}, read with the workstation's own
 * ClickHouse user), and a move is a command the engine carries out. Blocking calls: never on a UI
 * thread.
 */
public final class CommandedRegions implements RegionControl {
    /** A move answers once the views advance again in the new region, which the controller waits for up to 2 minutes. */
    public static final Duration MOVE_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final ConfiguredPipeline pipeline;
    private final String operator;
    private final String reason;

    /**
     * @param operator who moves processing, for the engine's log and the acknowledgement
     * @param reason   why, as the command carries it
     */
    public CommandedRegions(ConfiguredPipeline pipeline, String operator, String reason) {
        if (!pipeline.movesProcessing()) {
            throw new IllegalArgumentException("the pipeline's config has no 'failover' section: its engine does not move processing");
        }
        this.pipeline = pipeline;
        this.operator = operator;
        this.reason = reason;
    }

    @Override
    public List<String> regions() {
        // The primary first, the others as the config lists them (a stable sort keeps their order).
        return pipeline.endpoints().regionNames().stream().sorted(Comparator.comparing((String r) -> !r.equals(primaryRegion()))).toList();
    }

    @Override
    public String primaryRegion() {
        return pipeline.failoverPrimary();
    }

    /** @throws IllegalStateException when no engine reports a failover controller, saying what to check */
    @Override
    public String activeRegion() {
        return pipeline.engines(READ_TIMEOUT).stream().filter(s -> s.activeRegion() != null)
                .max(Comparator.comparingLong(EngineStatus::heartbeatMs)).map(EngineStatus::activeRegion)
                .orElseThrow(() -> new IllegalStateException("no engine of " + pipeline.topicPrefix() + " reports a failover controller: "
                        + "is ./driftwatch run --config running with this config's 'failover' section?"));
    }

    @Override
    public FailoverFigures failover(String region) throws Exception {
        return move(false, region);
    }

    @Override
    public FailoverFigures failback() throws Exception {
        return move(true, null);
    }

    private FailoverFigures move(boolean failback, String region) throws InterruptedException {
        long asked = System.currentTimeMillis();
        AttachedPipeline.Answer answer = pipeline.moveProcessing(failback, region, operator, reason, MOVE_TIMEOUT);
        if (!answer.done()) {
            throw new IllegalStateException(answer.message());
        }
        String to = failback ? primaryRegion() : region;
        // The engine names its move in the answer; its figures are in the views' database by then.
        return figures().stream().filter(f -> answer.message().contains("(move " + f.id() + ")")).findFirst()
                .or(() -> figures().stream().filter(f -> f.failedAtMillis() >= asked - 60_000 && (to == null || f.to().equals(to)))
                        .reduce((a, b) -> b))
                .orElseThrow(() -> new IllegalStateException("the engine moved processing (" + answer.message()
                        + ") but its figures are not in " + pipeline.viewDatabase() + "._failovers"));
    }

    @Override
    public List<FailoverFigures> figures() {
        if (!pipeline.hasViews()) {
            return List.of();
        }
        var ch = pipeline.endpoints().clickhouse();
        return new FailoverLog(new ClickHouseHttp(ch.url(), ch.user(), ch.password()), pipeline.viewDatabase()).read();
    }
}
