package io.driftwatch.engine.api;

import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * Where the facade's readers come from: the probes, the registry, Flink's REST API and an attached
 * pipeline, for servers named by their endpoints. The API names no implementation; the runtime
 * provides them in one place (its composition root, registered as a service), and a console or a
 * test asks for them here.
 */
public interface PipelineClients {

    /** The runtime's clients; fails with how to fix it when the runtime is not on the class path. */
    static PipelineClients load() {
        return ServiceLoader.load(PipelineClients.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "no Driftwatch runtime on the class path: add driftwatch-engine-runtime (io.driftwatch.engine.api.PipelineClients has no provider)"));
    }

    /** Lag at every stage of the pipeline whose sources are {@code sources}; connections open lazily and reopen after failures. */
    LagProbe lagProbe(StackEndpoints endpoints, LagSources sources);

    /** The throughput counters of every stage; connections open lazily and reopen after failures. */
    ActivityProbe activityProbe(StackEndpoints endpoints, LagSources sources);

    /** How far MirrorMaker 2's copies of {@code topicPrefix}'s capture topics trail their originals, per region pair. */
    ReplicationProbe replicationProbe(StackEndpoints endpoints, String topicPrefix);

    /** The Schema Registry at {@code url}, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}. */
    SchemaRegistry schemaRegistry(String url);

    /** Flink's REST API at {@code restUrl}, e.g. {@code http://127.0.0.1:8081}. */
    FlinkJobs flinkJobs(String restUrl);

    /**
     * The pipeline a config file describes, as a workstation reaches it (with the users of its
     * {@code console} section where it names them).
     *
     * @throws IllegalArgumentException naming the key and what to fix, for a config or secret that cannot be read
     */
    AttachedPipeline attach(Path config);
}
