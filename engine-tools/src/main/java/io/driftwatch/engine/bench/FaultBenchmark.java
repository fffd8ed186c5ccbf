package io.driftwatch.engine.bench;

import io.driftwatch.engine.capture.CaptureService;
import io.driftwatch.engine.capture.CaptureSettings;
import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.fault.DrillPipeline;
import io.driftwatch.engine.fault.DrillResult;
import io.driftwatch.engine.fault.Fault;
import io.driftwatch.engine.fault.Faults;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.stack.LocalStack;
import io.driftwatch.engine.stack.Signal;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Suite {@code faults}: every fault drill, with outages longer than the IT suite can afford, on
 * one pipeline kept under load; then how long stopping capture takes while its Kafka is down.
 */
public final class FaultBenchmark {
    private static final String REGION = "us-east-1";

    private final LocalStack stack;
    private final PrintStream out;
    private final Duration outage;
    private final int rate;

    public FaultBenchmark(LocalStack stack, PrintStream out, Duration outage, int rate) {
        this.stack = stack;
        this.out = out;
        this.outage = outage;
        this.rate = rate;
    }

    /** Runs every drill and returns the Markdown section; throws if any drill saw a partial transaction. */
    public String run() throws Exception {
        List<DrillResult> results = new ArrayList<>();
        try (DrillPipeline pipeline = DrillPipeline.start(stack, REGION, "benchfaults", rate, 1024L * 1024 * 1024, out::println)) {
            List<Fault> faults = new ArrayList<>(Faults.all(REGION));
            stack.endpoints().regionNames().stream().filter(r -> !r.equals(REGION)).findFirst()
                    .ifPresent(other -> faults.add(Faults.mirrorTargetKill(REGION, other)));
            for (Fault fault : faults) {
                if (fault.name().equals("clickhouse-disk-full") && !pipeline.disk().mounted()) {
                    out.println("clickhouse-disk-full: not run, no size-limited filesystem can be mounted here (needs root)");
                    continue;
                }
                results.add(pipeline.drill(fault, outage));
            }
        }
        Duration stopWhileKafkaDown = stopCaptureWhileKafkaIsDown();
        out.printf("capture stopped in %.1f s while its Kafka was down%n", stopWhileKafkaDown.toMillis() / 1000.0);
        if (results.stream().anyMatch(r -> !r.passed())) {
            throw new IllegalStateException("a drill saw a partial transaction: " + results);
        }
        return report(results, stopWhileKafkaDown);
    }

    /** Debezium's close waits for its offset producer; with Kafka gone that wait is bounded by capture. */
    private Duration stopCaptureWhileKafkaIsDown() throws Exception {
        StackEndpoints e = stack.endpoints();
        StackEndpoints.Postgres pg = e.region(REGION).postgres();
        CaptureService capture = new CaptureService(new CaptureSettings(REGION, pg.host(), pg.port(), pg.database(), pg.user(),
                pg.password(), e.region(REGION).kafka().bootstrapServers(), e.registry().url(),
                new PipelineConfig.CaptureConfig("benchstop", List.of("public"), null, 1000L, 10L, "no_data", 1)));
        capture.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (capture.state() != io.driftwatch.engine.capture.CaptureState.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(3_000);
        stack.stop("kafka-" + REGION, Signal.KILL);
        try {
            long begin = System.nanoTime();
            capture.close();
            return Duration.ofNanos(System.nanoTime() - begin);
        } finally {
            stack.restart("kafka-" + REGION);
        }
    }

    private String report(List<DrillResult> results, Duration stopWhileKafkaDown) {
        List<List<String>> rows = new ArrayList<>();
        for (DrillResult r : results) {
            rows.add(List.of(r.fault(), seconds(r.outage()), seconds(r.serverBack()), seconds(r.caughtUp()), seconds(r.verified()),
                    String.format("%,d", r.committed()), Integer.toString(r.failedCommits()), Long.toString(r.captureRestarts()),
                    Integer.toString(r.jobFailures().size()), String.format("%,d", r.samples()),
                    r.pinnedViolations().isEmpty() ? "none" : Integer.toString(r.pinnedViolations().size()),
                    r.copiesCaughtUp() == null ? "(one region)" : seconds(r.copiesCaughtUp())));
        }
        StringBuilder reported = new StringBuilder();
        for (DrillResult r : results) {
            String job = r.jobFailures().isEmpty() ? "" : r.jobFailures().get(0);
            reported.append("- **").append(r.fault()).append("**: capture: ")
                    .append(r.captureReport().isEmpty() ? "nothing (it kept running)" : "`" + clip(r.captureReport()) + "`")
                    .append("; job: ").append(job.isEmpty() ? "no failure" : "`" + clip(job) + "`").append('\n');
        }
        return BenchmarkReport.table(List.of("fault", "outage", "server back after", "views flowing again after", "views exact after pause",
                "transactions committed", "failed commit attempts", "capture restarts", "job restarts", "sampler reads", "partial transactions seen",
                "copies in the other region caught up after"), rows)
                + "\nWhat each part reported while the fault lasted (first job failure shown):\n\n" + reported
                + String.format("%nStopping capture while its Kafka broker was down took %.1f s (bounded; before the bound the stop "
                + "waited on Debezium's offset producer).%n", stopWhileKafkaDown.toMillis() / 1000.0)
                + String.format("%nLoad: %d transactions/s of orders with their lines (inserts, repricings, deletions) from one "
                + "connection. \"Views flowing again\": from the fault's removal until the first order committed after it is "
                + "visible. \"Views exact\": the load paused, until `verify` finds every view equal to its table. \"Copies caught up\": "
                + "from the fault's removal until MirrorMaker 2's copy of every topic of the pipeline in the other region has its "
                + "original's newest record (the load paused).%n", rate);
    }

    private static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }

    private static String clip(String text) {
        String one = text.replace('\n', ' ').replace('|', '/').replace('`', '\'');
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }
}
