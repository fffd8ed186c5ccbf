package io.driftwatch.engine.cli;

import io.driftwatch.engine.api.FlinkJobs;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.cluster.ClusterJobs;
import io.driftwatch.engine.cluster.FlinkClusterClient;
import io.driftwatch.engine.cluster.JobJar;
import io.driftwatch.engine.cluster.CheckpointLocator;
import io.driftwatch.engine.process.JobSettings;
import io.driftwatch.engine.process.ProcessPlan;
import io.driftwatch.engine.stack.StackException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code driftwatch job submit|stop|rescale|list}: the processing job on the local stack's Flink cluster. */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = "Run the processing job on the standalone Flink cluster of a local stack started with "
                + "'driftwatch stack up --flink-cluster': submit the job jar at a parallelism, stop it with a savepoint, "
                + "rescale it through one, list the cluster's jobs. Capture runs apart: 'driftwatch run --local --no-process'.",
        subcommands = {JobCommand.Submit.class, JobCommand.Stop.class, JobCommand.Rescale.class, JobCommand.ListJobs.class})
final class JobCommand {
    private JobCommand() {}

    /** Options every subcommand shares: which stack, which job. */
    static final class Target {
        @Mixin LocalStackOption stack;

        @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "globalmart",
                description = "The job's capture topics' prefix; the job is named 'driftwatch PREFIX' (default: ${DEFAULT-VALUE}).")
        String topicPrefix;

        StackEndpoints.Flink flink(StackEndpoints e) {
            return e.flinkCluster().orElseThrow(() -> new StackException("the stack in " + stack.resolve()
                    + " runs no Flink cluster; start it with 'driftwatch stack up --flink-cluster'"));
        }

        ClusterJobs jobs() {
            StackEndpoints e = stack.endpoints();
            return new ClusterJobs(new FlinkClusterClient(flink(e).restUrl()), JobJar.locate(), stack.resolve().resolve("jobs"));
        }

        JobSettings settings(int parallelism, long checkpointInterval, JobSettings.Visibility visibility) {
            return io.driftwatch.engine.cluster.StackJobSettings.of(stack.endpoints(), topicPrefix, parallelism, Duration.ofMillis(checkpointInterval), visibility, 0, null);
        }

        String runningJob(ClusterJobs jobs, JobSettings settings) {
            return jobs.client().active(ClusterJobs.jobName(settings)).map(FlinkClusterClient.JobSummary::id)
                    .orElseThrow(() -> new IllegalStateException("no running job '" + ClusterJobs.jobName(settings) + "' on "
                            + jobs.client().baseUrl()));
        }
    }

    /** How the job checkpoints and when its views advance: the settings a submit or a rescale gives the job. */
    static final class Checkpointing {
        @Option(names = "--checkpoint-interval", paramLabel = "MS", defaultValue = "5000",
                description = "Milliseconds between exactly-once checkpoints (default: ${DEFAULT-VALUE}).")
        long checkpointInterval;

        @Option(names = "--visibility", defaultValue = "TRANSACTION",
                description = "When the views advance: TRANSACTION or CHECKPOINT (default: ${DEFAULT-VALUE}).")
        JobSettings.Visibility visibility;

        JobSettings settings(Target target, int parallelism) {
            return target.settings(parallelism, checkpointInterval, visibility);
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = "Upload the job jar and run the job. By default it resumes from its newest retained checkpoint, if any.")
    static final class Submit implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Target target;

        @Option(names = "--parallelism", defaultValue = "2", description = "Parallelism (default: ${DEFAULT-VALUE}; the cluster has 4 slots).")
        int parallelism;

        @Option(names = "--from-savepoint", paramLabel = "PATH", description = "Resume from this savepoint or checkpoint.")
        String savepoint;

        @Option(names = "--fresh", description = "Start without state even if a checkpoint exists.")
        boolean fresh;

        @Mixin Checkpointing checkpointing;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            JobSettings settings = checkpointing.settings(target, parallelism);
            ClusterJobs jobs = target.jobs();
            jobs.client().active(ClusterJobs.jobName(settings)).ifPresent(j -> {
                throw new IllegalStateException("'" + j.name() + "' already runs as job " + j.id() + "; stop or rescale it");
            });
            String from = savepoint != null ? savepoint : fresh ? null : CheckpointLocator.latest(settings).orElse(null);
            String jobId = jobs.submit(settings, parallelism, from);
            out.printf("job %s submitted at parallelism %d%s; %s%n", jobId, parallelism, from == null ? "" : ", resuming from " + from,
                    jobs.client().baseUrl());
            out.flush();
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the job with a savepoint and print the savepoint's path.")
    static final class Stop implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Target target;

        @Option(names = "--savepoint-dir", paramLabel = "URI", description = "Where the savepoint goes (default: the cluster's, s3p://checkpoints/savepoints).")
        String savepointDir;

        @Override
        public Integer call() throws Exception {
            ClusterJobs jobs = target.jobs();
            String jobId = target.runningJob(jobs, target.settings(1, 5000, JobSettings.Visibility.TRANSACTION));
            String location = jobs.stop(jobId, savepointDir);
            spec.commandLine().getOut().printf("job %s stopped; savepoint %s%n", jobId, location);
            return 0;
        }
    }

    @Command(name = "rescale", mixinStandardHelpOptions = true,
            description = "Stop the job with a savepoint and run it again from that savepoint at another parallelism.")
    static final class Rescale implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Target target;

        @Option(names = "--parallelism", required = true, description = "The new parallelism.")
        int parallelism;

        @Mixin Checkpointing checkpointing;

        @Override
        public Integer call() throws Exception {
            JobSettings settings = checkpointing.settings(target, parallelism);
            ClusterJobs jobs = target.jobs();
            ClusterJobs.Rescaled rescaled = jobs.rescale(target.runningJob(jobs, settings), settings, parallelism, null);
            spec.commandLine().getOut().printf("rescaled through savepoint %s; job %s runs at parallelism %d%n", rescaled.savepoint(),
                    rescaled.jobId(), parallelism);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The cluster's jobs: state, checkpoints, each operator's parallelism.")
    static final class ListJobs implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Target target;

        @Override
        public Integer call() {
            String url = target.flink(target.stack.endpoints()).restUrl();
            PrintWriter out = spec.commandLine().getOut();
            for (FlinkJobs.Job job : new io.driftwatch.engine.cluster.FlinkClusterClient(url).jobs()) {
                out.printf("%s  %-9s %s  checkpoints %d%n", job.id(), job.state(), job.name(), job.checkpoints().completed());
                for (FlinkJobs.Vertex v : job.vertices()) {
                    out.printf("    %-60s parallelism %d%n", v.name(), v.parallelism());
                }
            }
            out.flush();
            return 0;
        }
    }
}
