package io.driftwatch.engine.facade;

import io.driftwatch.engine.api.ActivityProbe;
import io.driftwatch.engine.api.AttachedPipeline;
import io.driftwatch.engine.api.FlinkJobs;
import io.driftwatch.engine.api.LagProbe;
import io.driftwatch.engine.api.LagSources;
import io.driftwatch.engine.api.PipelineClients;
import io.driftwatch.engine.api.ReplicationProbe;
import io.driftwatch.engine.api.SchemaRegistry;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.cluster.FlinkClusterClient;
import io.driftwatch.engine.failover.MirrorLagProbe;
import io.driftwatch.engine.lag.StackActivityProbe;
import io.driftwatch.engine.lag.StackLagProbe;
import io.driftwatch.engine.registry.SchemaRegistryClient;
import io.driftwatch.engine.subjects.RegistryCatalog;
import java.nio.file.Path;
import java.time.InstantSource;

/**
 * The runtime's composition root: which implementation stands behind each of the API's readers.
 * Found by {@link PipelineClients#load()} (META-INF/services), so the API names none of them.
 */
public final class RuntimeClients implements PipelineClients {

    @Override
    public LagProbe lagProbe(StackEndpoints endpoints, LagSources sources) {
        return new StackLagProbe(endpoints, sources, InstantSource.system());
    }

    @Override
    public ActivityProbe activityProbe(StackEndpoints endpoints, LagSources sources) {
        return new StackActivityProbe(endpoints, sources.viewDatabase(), InstantSource.system());
    }

    @Override
    public ReplicationProbe replicationProbe(StackEndpoints endpoints, String topicPrefix) {
        return new MirrorLagProbe(endpoints, topicPrefix);
    }

    @Override
    public SchemaRegistry schemaRegistry(String url) {
        return new RegistryCatalog(new SchemaRegistryClient(url));
    }

    @Override
    public FlinkJobs flinkJobs(String restUrl) {
        return new FlinkClusterClient(restUrl);
    }

    @Override
    public AttachedPipeline attach(Path config) {
        return io.driftwatch.engine.service.ConfiguredPipeline.read(config);
    }
}
