package io.driftwatch.engine.process;

import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job jar's entry point on a Flink cluster: {@code --settings FILE} names a
 * {@link JobSettingsFile}; the job is built exactly as in the local MiniCluster and submitted to
 * the cluster that runs this method.
 *
 * <p>Why the parallelism is not set here: the submitter chooses it (Flink's {@code /jars/:id/run}
 * {@code parallelism}), so the same jar and settings run at any parallelism and can be rescaled
 * from a savepoint. Why no S3 keys: the cluster's own configuration gives its filesystems their
 * keys; the job names only the checkpoint directory.
 */
public final class ClusterJobMain {
    private ClusterJobMain() {}

    public static void main(String[] args) throws Exception {
        JobSettings settings = JobSettingsFile.read(settingsFile(args));
        JobTopics.ensure(settings);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(jobConfiguration(settings));
        PipelineJob.build(env, settings);
        env.execute(PipelineJob.jobName(settings));
    }

    /** The job-level part of the local configuration: checkpoints, state backend, buffer timeout. */
    static Configuration jobConfiguration(JobSettings settings) {
        Configuration conf = PipelineJob.configuration(settings.withoutS3(), null);
        conf.removeConfig(RestOptions.BIND_ADDRESS);
        conf.removeConfig(RestOptions.ADDRESS);
        conf.removeConfig(RestOptions.PORT);
        conf.removeConfig(CoreOptions.DEFAULT_PARALLELISM);
        return conf;
    }

    static Path settingsFile(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--settings")) {
                return Path.of(args[i + 1]);
            }
        }
        throw new IllegalArgumentException("usage: ClusterJobMain --settings FILE (a job settings JSON file)");
    }
}
