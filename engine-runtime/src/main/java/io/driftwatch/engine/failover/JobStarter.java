package io.driftwatch.engine.failover;

import io.driftwatch.engine.process.JobSettings;
import org.apache.flink.core.execution.JobClient;

/** Starts the processing job, restored from a checkpoint or savepoint path when one is given. */
@FunctionalInterface
public interface JobStarter {
    JobClient start(JobSettings settings, String restoreFrom) throws Exception;
}
