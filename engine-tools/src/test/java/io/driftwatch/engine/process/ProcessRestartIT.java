package io.driftwatch.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.capture.CaptureService;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.stack.ChildProcess;
import io.driftwatch.engine.stack.LocalStack;
import io.driftwatch.engine.stack.LocalStackExtension;
import io.driftwatch.engine.stack.ProcessSpawner;
import io.driftwatch.engine.stack.Signal;
import io.driftwatch.engine.verify.InvariantSampler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kill -9 of the processing job mid-load, then a restart from its last checkpoint: readers never
 * see a partial transaction, and the views end exactly equal to the source.
 */
@ExtendWith(LocalStackExtension.class)
class ProcessRestartIT {
    private static final String PREFIX = "jobkill";
    private static final int TRANSACTIONS = 2500;

    @Test
    void aJobKilledMidLoadResumesFromItsCheckpointAndTheViewsEndExact(LocalStack stack) throws Exception {
        StackEndpoints endpoints = stack.endpoints();
        StackEndpoints.Postgres pg = endpoints.region(ProcessIT.REGION).postgres();
        OrderWorkload workload = new OrderWorkload(pg, PREFIX);
        workload.createTables();
        ClickHouseHttp clickhouse = ProcessIT.clickhouse(endpoints);
        Path log = Path.of("target", "jobkill-process.log").toAbsolutePath();
        try (CaptureService capture = new CaptureService(ProcessIT.captureSettings(endpoints, PREFIX));
             ProcessSpawner spawner = new ProcessSpawner();
             InvariantSampler sampler = new InvariantSampler(clickhouse, "dw_" + PREFIX, PREFIX)) {
            capture.start();
            ChildProcess first = startJob(spawner, stack, log);
            ChildProcess second = null;
            try {
                ProcessIT.awaitViewRows(clickhouse, PREFIX, 1, Duration.ofMinutes(2));
                Thread load = new Thread(() -> {
                    try {
                        workload.run(TRANSACTIONS, 11, 6);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, "jobkill-workload");
                load.start();
                while (workload.committed() < TRANSACTIONS / 3) {
                    Thread.sleep(50);
                }
                first.stop(Signal.KILL, Duration.ofSeconds(10));
                int atKill = workload.committed();
                second = startJob(spawner, stack, log);
                load.join(Duration.ofMinutes(3).toMillis());
                ProcessIT.awaitVerified(pg, clickhouse, PREFIX, Duration.ofMinutes(3));
                sampler.close();
                assertThat(atKill).as("killed mid-load").isLessThan(TRANSACTIONS);
                assertThat(sampler.pinnedViolations()).as("partial transactions seen around the crash").isEmpty();
                assertThat(sampler.samples()).isGreaterThan(20);
                System.out.printf("job killed after %d of %d transactions; restarted from its checkpoint; %d samples, views exact%n",
                        atKill, TRANSACTIONS, sampler.samples());
            } finally {
                first.stop(Signal.KILL, Duration.ofSeconds(10));
                if (second != null) {
                    second.stop(Signal.TERM, Duration.ofSeconds(30));
                }
            }
        }
    }

    private static ChildProcess startJob(ProcessSpawner spawner, LocalStack stack, Path log) throws Exception {
        return spawner.spawn("process", List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), "io.driftwatch.engine.cli.DriftwatchCli",
                "run", "--local", "--no-capture", "--dir", stack.dir().toString(), "--topic-prefix", PREFIX,
                "--parallelism", "2", "--checkpoint-interval", "1000", "--status-interval", "2"),
                ProcessSpawner.Privilege.SAME_USER, log, Map.of("AWS_EC2_METADATA_DISABLED", "true"));
    }
}
