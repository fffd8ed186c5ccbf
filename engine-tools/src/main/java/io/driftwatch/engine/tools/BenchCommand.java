package io.driftwatch.engine.tools;

import io.driftwatch.engine.bench.BenchmarkReport;
import io.driftwatch.engine.bench.CaptureBenchmark;
import io.driftwatch.engine.bench.FailoverBenchmark;
import io.driftwatch.engine.bench.ClusterBenchmark;
import io.driftwatch.engine.cluster.ClusterJobs;
import io.driftwatch.engine.cluster.FlinkClusterClient;
import io.driftwatch.engine.cluster.JobJar;
import io.driftwatch.engine.bench.FaultBenchmark;
import io.driftwatch.engine.bench.SoakBenchmark;
import io.driftwatch.engine.bench.PipelineBenchmark;
import io.driftwatch.engine.bench.ProfileBenchmark;
import io.driftwatch.engine.stack.LocalStack;
import io.driftwatch.engine.stack.StackConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftwatch bench SUITE}: runs a benchmark suite on a fresh local stack and records its figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark suite against a fresh local stack, print its figures and write them, with the "
                + "machine's description, to docs/BENCHMARKS.md (faults and soak: docs/RELIABILITY.md). Suites: capture, pipeline, "
                + "failover (a region's Kafka dies under load), cluster (the job on a standalone Flink cluster at several parallelisms), "
                + "faults, soak, profile (each component's CPU and memory, idle and under load, and the engine's hottest frames; "
                + "and merge, which the launcher runs with JMH).")
public final class BenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SUITE", description = "The suite to run: capture, pipeline, failover, cluster, faults or soak.")
    String suite;

    @Option(names = "--dir", paramLabel = "DIR", description = "Stack directory, wiped first (default: ~/.driftwatch/bench-stack).")
    Path dir;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Where figures are written (default: docs/BENCHMARKS.md; faults and soak: docs/RELIABILITY.md).")
    Path report;

    @Option(names = "--minutes", defaultValue = "30", description = "soak: length of the run in minutes (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Option(names = "--sample-seconds", defaultValue = "60", description = "soak: seconds between samples (default: ${DEFAULT-VALUE}).")
    int sampleSeconds;

    @Option(names = "--outage", paramLabel = "SECONDS", defaultValue = "30",
            description = "faults: how long each fault lasts; failover: how long the primary's broker stays down (default: ${DEFAULT-VALUE}).")
    int outage;

    @Option(names = "--load", defaultValue = "100", description = "faults, soak, profile: transactions per second of the load (profile: in "
            + "the primary region, half as many in the other; default: ${DEFAULT-VALUE}).")
    int load;

    @Option(names = "--idle-seconds", defaultValue = "30", description = "profile: seconds measured without traffic (default: ${DEFAULT-VALUE}).")
    int idleSeconds;

    @Option(names = "--backlog", defaultValue = "1000000", description = "capture: row changes in the drained backlog (default: ${DEFAULT-VALUE}).")
    int backlog;

    @Option(names = "--rate", defaultValue = "1000", description = "capture: transactions per second for the latency run (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seconds", defaultValue = "25", description = "capture, pipeline: length of each latency run in seconds; profile: of the load (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--rates", split = ",", defaultValue = "100,1000,5000",
            description = "pipeline: transactions per second of the latency runs (default: ${DEFAULT-VALUE}).")
    List<Integer> rates;

    @Option(names = "--transactions", defaultValue = "50000", description = "pipeline, cluster: transactions in each drained backlog (default: ${DEFAULT-VALUE}).")
    long transactions;

    @Option(names = "--parallelism", defaultValue = "1", description = "pipeline: the job's parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--parallelisms", split = ",", defaultValue = "1,2,4",
            description = "cluster: the job's parallelisms, one run each (default: ${DEFAULT-VALUE}; the cluster has 4 slots).")
    List<Integer> parallelisms;

    @Option(names = "--checkpoint-interval", paramLabel = "MS", defaultValue = "1000",
            description = "pipeline: milliseconds between checkpoints (default: ${DEFAULT-VALUE}).")
    long checkpointInterval;

    @Option(names = "--region-rate", defaultValue = "100",
            description = "failover: transactions per second committed in each region (default: ${DEFAULT-VALUE}).")
    int regionRate;

    @Option(names = "--detection", paramLabel = "SECONDS", defaultValue = "5",
            description = "failover: seconds without an answer from the active Kafka before failing over (default: ${DEFAULT-VALUE}).")
    int detection;

    @Override
    public Integer call() throws Exception {
        if (!List.of("capture", "pipeline", "failover", "cluster", "faults", "soak", "profile").contains(suite)) {
            throw new IllegalArgumentException("unknown suite '" + suite + "'; known suites: capture, pipeline, failover, cluster, faults, soak, "
                    + "profile (merge: through ./driftwatch)");
        }
        Path report = this.report != null ? this.report
                : Path.of(suite.equals("faults") || suite.equals("soak") ? "docs/RELIABILITY.md" : "docs/BENCHMARKS.md");
        Path stackDir = (dir != null ? dir : StackConfig.defaultDir().resolveSibling("bench-stack")).toAbsolutePath();
        wipe(stackDir);
        PrintStream out = System.out;
        // The figures and the suite's progress on the terminal; the libraries' lines in the stack's log.
        Path log = io.driftwatch.engine.logging.TerminalLog.route(stackDir.resolve(io.driftwatch.engine.logging.TerminalLog.FILE_NAME), false);
        out.println("starting a fresh local stack in " + stackDir + " (library log: " + log + ")");
        // Faults: the second region is the target of MirrorMaker 2's flow, which one drill kills.
        int regions = suite.equals("failover") || suite.equals("faults") ? 2 : 1;
        if (suite.equals("profile")) {
            // The demo's whole pipeline, its engine as its own process: LocalPipeline starts the stack itself.
            String body = new ProfileBenchmark(stackDir, out, load, Duration.ofSeconds(idleSeconds), Duration.ofSeconds(seconds)).run();
            new BenchmarkReport(report).write("profile", "Cost profile: the two-region demo pipeline, component by component", body);
            out.println("figures written to " + report.toAbsolutePath());
            return 0;
        }
        try (LocalStack stack = LocalStack.start(StackConfig.of(stackDir, regions).withFlinkCluster(suite.equals("cluster")), line -> out.println("  " + line))) {
            if (suite.equals("failover")) {
                String body = new FailoverBenchmark(stack, out, regionRate, Duration.ofSeconds(outage), Duration.ofSeconds(detection)).run();
                new BenchmarkReport(report).write("failover", "Failover: a region's Kafka dies under load", body);
            } else if (suite.equals("faults")) {
                String body = new FaultBenchmark(stack, out, Duration.ofSeconds(outage), load).run();
                new BenchmarkReport(report).write("faults", "Fault drills under load", body);
            } else if (suite.equals("soak")) {
                String body = new SoakBenchmark(stack, out, Duration.ofMinutes(minutes), Duration.ofSeconds(sampleSeconds), load).run();
                new BenchmarkReport(report).write("soak", "Soak: memory and lag over time", body);
            } else if (suite.equals("capture")) {
                String body = new CaptureBenchmark(stack.endpoints(), out, backlog, rate, Duration.ofSeconds(seconds)).run();
                new BenchmarkReport(report).write("capture", "Capture: PostgreSQL → Kafka", body);
            } else if (suite.equals("cluster")) {
                ClusterJobs jobs = new ClusterJobs(new FlinkClusterClient(stack.endpoints().flinkCluster().orElseThrow().restUrl()),
                        JobJar.locate(), stackDir.resolve("jobs"));
                String body = new ClusterBenchmark(stack.endpoints(), jobs, out, parallelisms, transactions,
                        Duration.ofMillis(checkpointInterval)).run();
                new BenchmarkReport(report).write("cluster", "Processing job on a standalone Flink cluster, by parallelism", body);
            } else {
                String body = new PipelineBenchmark(stack.endpoints(), out, rates, Duration.ofSeconds(seconds), transactions, parallelism,
                        Duration.ofMillis(checkpointInterval)).run();
                new BenchmarkReport(report).write("pipeline", "Pipeline: PostgreSQL → consistent ClickHouse views", body);
            }
            out.println("figures written to " + report.toAbsolutePath());
        }
        return 0;
    }

    private static void wipe(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
