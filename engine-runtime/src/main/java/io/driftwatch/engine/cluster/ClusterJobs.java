package io.driftwatch.engine.cluster;

import io.driftwatch.engine.process.ClusterJobMain;
import io.driftwatch.engine.process.JobSettings;
import io.driftwatch.engine.process.JobSettingsFile;
import io.driftwatch.engine.process.PipelineJob;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The processing job on a Flink cluster: submitted from the job jar at a parallelism, stopped
 * with a savepoint, resumed from one, rescaled through one.
 *
 * <p>The job's settings go to a file under {@code settingsDir} (mode 600) that the JobManager
 * reads when it runs the jar's main; the program arguments carry only its path, so the views'
 * password never shows in Flink's REST API or a process list. The cluster and this engine share
 * the machine (or a filesystem), as a local stack's do.
 */
public final class ClusterJobs {
    /** A rescale: the savepoint it went through and the job now running. */
    public record Rescaled(String savepoint, String jobId) {}

    private static final Duration SAVEPOINT_TIMEOUT = Duration.ofMinutes(3);

    private final FlinkClusterClient client;
    private final Path jobJar;
    private final Path settingsDir;
    private String jarId;

    public ClusterJobs(FlinkClusterClient client, Path jobJar, Path settingsDir) {
        this.client = client;
        this.jobJar = jobJar;
        this.settingsDir = settingsDir;
    }

    public FlinkClusterClient client() {
        return client;
    }

    /** Submits the job at {@code parallelism}, from {@code savepoint} (a savepoint or retained checkpoint) or, if null, from nothing. */
    public String submit(JobSettings settings, int parallelism, String savepoint) throws IOException {
        Path file = settingsDir.resolve(settings.topicPrefix() + ".json").toAbsolutePath();
        JobSettingsFile.write(settings, file);
        if (jarId == null) {
            jarId = client.uploadJar(jobJar);
        }
        return client.run(jarId, new FlinkClusterClient.RunRequest(ClusterJobMain.class.getName(), List.of("--settings", file.toString()),
                parallelism, savepoint, false));
    }

    /** Stops the job with a savepoint into {@code targetDirectory} (null: the cluster's default) and returns its location. */
    public String stop(String jobId, String targetDirectory) throws InterruptedException {
        String trigger = client.stopWithSavepoint(jobId, targetDirectory);
        String location = client.awaitSavepoint(jobId, trigger, SAVEPOINT_TIMEOUT);
        client.awaitState(jobId, "FINISHED", Duration.ofMinutes(1));
        return location;
    }

    /** Stop with a savepoint, then the same job from it at {@code parallelism}. */
    public Rescaled rescale(String jobId, JobSettings settings, int parallelism, String targetDirectory)
            throws IOException, InterruptedException {
        String savepoint = stop(jobId, targetDirectory);
        return new Rescaled(savepoint, submit(settings, parallelism, savepoint));
    }

    /** The name the job runs under, to find it among the cluster's jobs. */
    public static String jobName(JobSettings settings) {
        return PipelineJob.jobName(settings);
    }
}
