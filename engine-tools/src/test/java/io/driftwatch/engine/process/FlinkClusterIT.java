package io.driftwatch.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.FlinkJobs;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.capture.CaptureService;
import io.driftwatch.engine.cluster.ClusterJobs;
import io.driftwatch.engine.cluster.FlinkClusterClient;
import io.driftwatch.engine.cluster.JobJar;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.stack.ChildProcess;
import io.driftwatch.engine.stack.LocalStack;
import io.driftwatch.engine.stack.LocalStackExtension;
import io.driftwatch.engine.stack.Signal;
import io.driftwatch.engine.stack.StackConfig;
import io.driftwatch.engine.verify.InvariantSampler;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job jar on the stack's standalone Flink cluster (a JobManager and two TaskManagers, each its
 * own process): at parallelism 4 it survives a TaskManager killed with SIGKILL mid-load, and it
 * rescales from 2 to 4 through a savepoint; both times the views end equal to the source and no
 * reader sees a partial transaction. What the console reads (Flink's REST API through
 * {@link FlinkJobs}) shows the cluster's job as it shows the local one.
 */
class FlinkClusterIT {
    private static final int TRANSACTIONS = 1500;
    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        Path dir = Path.of("target", "it-cluster-stack").toAbsolutePath();
        LocalStackExtension.deleteRecursively(dir);
        stack = LocalStack.start(StackConfig.of(dir, 1).withFlinkCluster(true));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void atParallelism4TheJobSurvivesATaskManagerKilledMidLoadAndTheViewsEndExact() throws Exception {
        Scenario run = Scenario.of("clusterkill");
        ClusterJobs jobs = run.jobs();
        ClickHouseHttp clickhouse = run.clickhouse();
        try (CaptureService capture = run.capture(); InvariantSampler sampler = run.sampler()) {
            capture.start();
            String jobId = jobs.submit(run.settings(4), 4, null);
            try {
                jobs.client().awaitState(jobId, "RUNNING", Duration.ofMinutes(2));
                ProcessIT.awaitViewRows(clickhouse, run.prefix(), 1, Duration.ofMinutes(2));
                FlinkJobs.Job running = consoleView(jobId);
                assertThat(running.name()).isEqualTo("driftwatch " + run.prefix());
                assertThat(running.state()).isEqualTo("RUNNING");
                assertThat(running.vertices()).isNotEmpty().allSatisfy(v -> assertThat(v.parallelism()).isEqualTo(4));
                awaitCompletedCheckpoint(jobId);

                Thread load = workload(run.workload(), 23);
                while (run.workload().committed() < TRANSACTIONS / 3) {
                    Thread.sleep(20);
                }
                ChildProcess taskManager = stack.process(LocalStack.TASK_MANAGER_PREFIX + "1").orElseThrow();
                long killedPid = taskManager.pid();
                taskManager.stop(Signal.KILL, Duration.ofSeconds(10));
                int atKill = run.workload().committed();
                awaitNotRunning(jobs.client(), jobId);
                // A supervisor brings the TaskManager back, as on any real cluster; the job needs its slots for parallelism 4.
                stack.restart(LocalStack.TASK_MANAGER_PREFIX + "1");
                jobs.client().awaitState(jobId, "RUNNING", Duration.ofMinutes(3));
                load.join(Duration.ofMinutes(4).toMillis());
                ProcessIT.awaitVerified(run.pg(), clickhouse, run.prefix(), Duration.ofMinutes(4));
                sampler.close();

                assertThat(atKill).as("killed mid-load").isLessThan(TRANSACTIONS);
                assertThat(stack.process(LocalStack.TASK_MANAGER_PREFIX + "1").orElseThrow().pid()).isNotEqualTo(killedPid);
                assertThat(jobs.client().restoredFrom(jobId)).as("the job recovered from a checkpoint").isPresent();
                assertThat(sampler.pinnedViolations()).as("partial transactions seen around the crash").isEmpty();
                assertThat(sampler.samples()).isGreaterThan(20);
                assertThat(consoleView(jobId).vertices()).allSatisfy(v -> assertThat(v.parallelism()).isEqualTo(4));
                System.out.printf("TaskManager (pid %d) killed after %d of %d transactions; job %s recovered from %s at parallelism 4; "
                        + "%d samples, views exact%n", killedPid, atKill, TRANSACTIONS, jobId, jobs.client().restoredFrom(jobId).orElseThrow(),
                        sampler.samples());
            } finally {
                cancelQuietly(jobs.client(), jobId);
            }
        }
    }

    @Test
    void aRescaleFrom2To4ThroughASavepointLosesNothing() throws Exception {
        Scenario run = Scenario.of("clusterscale");
        ClusterJobs jobs = run.jobs();
        ClickHouseHttp clickhouse = run.clickhouse();
        try (CaptureService capture = run.capture(); InvariantSampler sampler = run.sampler()) {
            capture.start();
            String first = jobs.submit(run.settings(2), 2, null);
            String second = null;
            try {
                jobs.client().awaitState(first, "RUNNING", Duration.ofMinutes(2));
                ProcessIT.awaitViewRows(clickhouse, run.prefix(), 1, Duration.ofMinutes(2));
                assertThat(consoleView(first).vertices()).allSatisfy(v -> assertThat(v.parallelism()).isEqualTo(2));

                Thread load = workload(run.workload(), 29);
                while (run.workload().committed() < TRANSACTIONS / 3) {
                    Thread.sleep(20);
                }
                // Counted when the rescale begins: the stop-with-savepoint and the new job's start take
                // long enough on a busy machine for the rest of the load to commit meanwhile.
                int atRescale = run.workload().committed();
                ClusterJobs.Rescaled rescaled = jobs.rescale(first, run.settings(4), 4, null);
                second = rescaled.jobId();
                jobs.client().awaitState(second, "RUNNING", Duration.ofMinutes(2));
                load.join(Duration.ofMinutes(4).toMillis());
                ProcessIT.awaitVerified(run.pg(), clickhouse, run.prefix(), Duration.ofMinutes(4));
                sampler.close();

                assertThat(atRescale).as("rescaled mid-load").isLessThan(TRANSACTIONS);
                assertThat(rescaled.savepoint()).startsWith("s3p://checkpoints/savepoints/");
                assertThat(jobs.client().state(first)).isEqualTo("FINISHED");
                assertThat(jobs.client().restoredFrom(second)).as("the new job started from the savepoint").contains(rescaled.savepoint());
                FlinkJobs.Job rescaledJob = consoleView(second);
                assertThat(rescaledJob.state()).isEqualTo("RUNNING");
                assertThat(rescaledJob.name()).isEqualTo("driftwatch " + run.prefix());
                assertThat(rescaledJob.vertices()).isNotEmpty().allSatisfy(v -> assertThat(v.parallelism()).isEqualTo(4));
                assertThat(sampler.pinnedViolations()).as("partial transactions seen around the rescale").isEmpty();
                System.out.printf("rescaled 2 → 4 after %d of %d transactions through %s; views exact%n", atRescale, TRANSACTIONS,
                        rescaled.savepoint());
            } finally {
                cancelQuietly(jobs.client(), first);
                if (second != null) {
                    cancelQuietly(jobs.client(), second);
                }
            }
        }
    }

    /** One test's tables (orders, lines, audit under {@code prefix}), workload, views and job. */
    private record Scenario(String prefix, StackEndpoints.Postgres pg, OrderWorkload workload, ClickHouseHttp clickhouse, ClusterJobs jobs) {
        static Scenario of(String prefix) throws Exception {
            StackEndpoints endpoints = stack.endpoints();
            StackEndpoints.Postgres pg = endpoints.region(ProcessIT.REGION).postgres();
            OrderWorkload workload = new OrderWorkload(pg, prefix);
            workload.createTables();
            ClusterJobs jobs = new ClusterJobs(new FlinkClusterClient(endpoints.flinkCluster().orElseThrow().restUrl()), JobJar.locate(),
                    stack.dir().resolve("jobs"));
            return new Scenario(prefix, pg, workload, ProcessIT.clickhouse(endpoints), jobs);
        }

        CaptureService capture() {
            return new CaptureService(ProcessIT.captureSettings(stack.endpoints(), prefix));
        }

        InvariantSampler sampler() {
            return new InvariantSampler(clickhouse, "dw_" + prefix, prefix);
        }

        JobSettings settings(int parallelism) {
            return ProcessIT.jobSettings(stack.endpoints(), prefix, parallelism, JobSettings.Visibility.TRANSACTION);
        }
    }

    /** The job as the console's Pipeline screen reads it. */
    private static FlinkJobs.Job consoleView(String jobId) {
        return new io.driftwatch.engine.cluster.FlinkClusterClient(stack.endpoints().flinkCluster().orElseThrow().restUrl()).jobs().stream()
                .filter(j -> j.id().equals(jobId)).findFirst().orElseThrow();
    }

    private static Thread workload(OrderWorkload workload, long seed) {
        Thread load = new Thread(() -> {
            try {
                workload.run(TRANSACTIONS, seed, 6);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "cluster-workload");
        load.start();
        return load;
    }

    private static void awaitCompletedCheckpoint(String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (consoleView(jobId).checkpoints().completed() < 1) {
            assertThat(System.nanoTime()).as("a checkpoint completes within a minute").isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    /** The JobManager notices the lost TaskManager and restarts the job: it leaves RUNNING. */
    private static void awaitNotRunning(FlinkClusterClient client, String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (client.state(jobId).equals("RUNNING")) {
            assertThat(System.nanoTime()).as("the job noticed the lost TaskManager within 60 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static void cancelQuietly(FlinkClusterClient client, String jobId) {
        try {
            if (!java.util.List.of("FINISHED", "CANCELED", "FAILED").contains(client.state(jobId))) {
                client.cancel(jobId);
            }
        } catch (RuntimeException e) {
            // the stack stops next
        }
    }
}
