package io.driftwatch.engine.process;

import io.driftwatch.engine.naming.PipelineNames;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.legacy.DiscardingSink;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The processing job: capture topics of every region → decode → assemble transactions → write
 * the views' rows → advance the visible position. Dead letters go to a Kafka topic with their
 * reason. Checkpoints are exactly-once, RocksDB state, on the configured filesystem (the local
 * S3-compatible store by default).
 */
public final class PipelineJob {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PipelineJob.class);

    private PipelineJob() {}

    /** Builds the job's graph on {@code env}. */
    public static void build(StreamExecutionEnvironment env, JobSettings s) {
        DataStream<CapturedRecord> captured = null;
        for (String region : new java.util.TreeSet<>(s.kafkaByRegion().keySet())) {
            DataStream<CapturedRecord> stream = source(env, s, region);
            captured = captured == null ? stream : captured.union(stream);
        }
        SingleOutputStreamOperator<PipelineEvent> decoded = captured
                .process(new DecodeFunction(s.registryUrl(), s.transactionTopic(), s.outboxTable())).uid("decode").name("decode");

        DataStream<PipelineEvent> written = decoded
                .keyBy(PipelineEvent::transactionKey)
                .process(new AssemblyFunction(s.clickhouse(), s.registryUrl(), s.flushInterval().toMillis(), 20_000,
                        s.merge() == null ? java.util.Set.of() : s.merge().tables()))
                .uid("assemble").name("assemble and write");

        DataStream<PipelineEvent> ends = decoded.filter(e -> e.kind == PipelineEvent.Kind.END).uid("end-markers").name("END markers");
        VisibilityWriter.Mode mode = s.visibility() == JobSettings.Visibility.CHECKPOINT
                ? VisibilityWriter.Mode.CHECKPOINT : VisibilityWriter.Mode.TRANSACTION;
        SingleOutputStreamOperator<PipelineEvent> visibility = written.union(ends)
                .keyBy(e -> e.region)
                .process(new VisibilityFunction()).uid("visibility").name("visibility");
        visibility
                .keyBy(e -> e.region)
                .process(new VisibilityWriter(s.clickhouse(), mode, s.flushInterval().toMillis())).uid("publish-visibility")
                .name("publish visibility")
                .addSink(new DiscardingSink<>()).uid("done").name("done");

        String firstRegion = s.homeRegion();
        KafkaSink<PipelineEvent> deadLetters = KafkaSink.<PipelineEvent>builder()
                .setBootstrapServers(s.kafkaByRegion().get(firstRegion))
                .setKafkaProducerConfig(s.kafkaClient(firstRegion))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(KafkaRecordSerializationSchema.<PipelineEvent>builder()
                        .setTopic(s.deadLetterTopic())
                        .setValueSerializationSchema(new DeadLetterSerializer())
                        .build())
                .build();
        DataStream<PipelineEvent> dead = decoded.getSideOutput(DecodeFunction.DEAD);
        if (s.merge() != null) {
            dead = dead.union(MergeGraph.build(env, s, visibility.getSideOutput(VisibilityFunction.MERGE)));
        }
        dead.sinkTo(deadLetters).uid("dead-letters").name("dead letters");
    }

    /**
     * The changes of {@code region}: read directly from its cluster, or, through MirrorMaker 2,
     * from the active region's cluster (its own topics there, or the copies named
     * {@code <region>.<topic>}). Each way has its own operator id, so a job restored after the
     * active region changed starts the new sources at the offsets placed for them and drops the
     * old ones' state; positions are recorded per checkpoint for the next such move.
     */
    private static DataStream<CapturedRecord> source(StreamExecutionEnvironment env, JobSettings s, String region) {
        String cluster = s.clusterFor(region);
        String remotePrefix = cluster.equals(region) ? "" : PipelineNames.remoteTopic(region, "");
        // Table topics only: not the outbox's per-aggregate topics, nor Debezium's topic for logical
        // decoding messages (pg_logical_emit_message), which are not table changes.
        Pattern topics = Pattern.compile(Pattern.quote(remotePrefix + s.topicPrefix()) + "\\.(?!outbox\\.|message$).+");
        OffsetsInitializer start = OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        if (s.sourcing() != null && s.sourcing().startOffsets().containsKey(region)) {
            start = OffsetsInitializer.offsets(s.sourcing().offsetsOf(region), OffsetResetStrategy.EARLIEST);
        }
        KafkaSource<CapturedRecord> source = KafkaSource.<CapturedRecord>builder()
                .setProperties(s.kafkaClient(cluster))
                .setBootstrapServers(s.kafkaByRegion().get(cluster))
                .setTopicPattern(topics)
                .setGroupId(JobSettings.consumerGroup(s.topicPrefix()))
                .setStartingOffsets(start)
                .setDeserializer(new CapturedRecordDeserializer(remotePrefix))
                .setProperty("isolation.level", "read_committed")
                .setProperty("partition.discovery.interval.ms", "2000")
                // The broker answers a fetch as soon as one record is there (fetch.min.bytes 1):
                // this bounds only a wait with nothing to read. Kafka's 500 ms default; 10 ms cost
                // an idle pipeline a hundred empty fetches a second on both sides (bench profile).
                .setProperty("fetch.max.wait.ms", "500")
                .build();
        String id = s.sourcing() == null ? region : region + "-via-" + cluster;
        DataStream<CapturedRecord> stream = env.fromSource(source, WatermarkStrategy.noWatermarks(), "capture " + id).uid("source-" + id);
        if (s.sourcing() == null) {
            return stream;
        }
        return stream.map(new SourcePositions(s.clickhouse(), region, cluster)).uid("positions-" + id).name("positions " + id);
    }

    /** A dead letter as JSON: reason, coordinates, region, txid and the original value in base64. */
    static final class DeadLetterSerializer implements SerializationSchema<PipelineEvent> {
        @Override
        public byte[] serialize(PipelineEvent dead) {
            return deadLetterJson(dead);
        }
    }

    static byte[] deadLetterJson(PipelineEvent dead) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("reason", dead.reason);
        json.put("coordinates", dead.coordinates);
        json.put("region", dead.region);
        json.put("txid", dead.txId);
        json.put("value_base64", dead.rowJson);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The Flink configuration: checkpoints, state backend, S3, REST endpoint (on loopback). */
    public static Configuration configuration(JobSettings s, String restoreFrom) {
        return configuration(s, restoreFrom, "127.0.0.1");
    }

    /** The Flink configuration, its REST API listening on {@code restBind}. */
    public static Configuration configuration(JobSettings s, String restoreFrom, String restBind) {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, restBind);
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.PORT, s.restPort());
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, s.checkpointDir());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, s.checkpointInterval());
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        // Each checkpoint uploads only the RocksDB files written since the last one. A full
        // checkpoint uploaded every file of the state each time (the merge's rows, which change
        // slowly, included): its upload threads used more CPU than the job's own tasks in the
        // pipeline benchmark. A job restored from a checkpoint does not take over its files
        // (Flink's default restore mode), so its first checkpoint is a full one.
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        if (s.s3() != null) {
            conf.setString("s3.endpoint", s.s3().endpoint());
            conf.setString("s3.access-key", s.s3().accessKey());
            conf.setString("s3.secret-key", s.s3().secretKey());
            conf.setString("s3.path.style.access", "true");
        }
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
            // State whose operator the job no longer has (the active region moved, a table left
            // the merge section, a new version builds the job differently) is left behind rather
            // than refusing to start: startLocal names it (UnclaimedState). Every operator has a
            // uid, so the rest finds its operator again.
            conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        }
        conf.setString("parallelism.default", Integer.toString(s.parallelism()));
        // A server the job writes to may be down for a while (a restart, a full disk): keep
        // retrying from the last checkpoint, but never wait more than 10 s once it is back.
        conf.set(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                java.time.Duration.ofMillis(500));
        conf.set(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                java.time.Duration.ofSeconds(10));
        // Four shuffles lie between a change and its visibility; Flink's default 100 ms network
        // buffer flush would add up to that at each of them.
        conf.set(ExecutionOptions.BUFFER_TIMEOUT, java.time.Duration.ofMillis(5));
        return conf;
    }

    /**
     * Starts the job in a local MiniCluster with Flink's REST API and web UI on loopback, after
     * creating the dead-letter topic; returns once it is submitted.
     */
    public static JobClient startLocal(JobSettings s, String restoreFrom) throws Exception {
        return startLocal(s, restoreFrom, "127.0.0.1");
    }

    /** {@link #startLocal(JobSettings, String)}, its REST API listening on {@code restBind} (127.0.0.1 or 0.0.0.0). */
    public static JobClient startLocal(JobSettings s, String restoreFrom, String restBind) throws Exception {
        JobTopics.ensure(s);
        Configuration conf = configuration(s, restoreFrom, restBind);
        // S3 settings in a job's Configuration do not reach Flink's filesystems; initialising them here does.
        // Flink's S3 filesystem is built on the AWS SDK 1.x, whose first use logs a deprecation
        // notice with a stack trace: it concerns Flink's choice of SDK, not this pipeline.
        System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
        FileSystem.initialize(conf, null);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        env.setParallelism(s.parallelism());
        build(env, s);
        if (restoreFrom != null) {
            reportUnclaimed(restoreFrom, env.getStreamGraph(false).getJobGraph());
        }
        return env.executeAsync(jobName(s));
    }

    private static void reportUnclaimed(String restoreFrom, org.apache.flink.runtime.jobgraph.JobGraph graph) {
        try {
            java.util.List<UnclaimedState.Dropped> dropped = UnclaimedState.of(restoreFrom, graph);
            if (!dropped.isEmpty()) {
                LOG.warn("resuming from {}: this job has no operator for the state of {}; that state is left behind (the job's graph "
                                + "changed: the active region moved, a table joined or left the merge section, or a new version builds "
                                + "the job differently); everything else resumes where it was",
                        restoreFrom, dropped.stream().map(UnclaimedState.Dropped::describe).collect(java.util.stream.Collectors.joining("; ")));
            }
        } catch (java.io.IOException | RuntimeException e) {
            // Flink reads the same metadata again when it restores and fails loudly if it cannot.
            LOG.info("could not list the state {} leaves behind: {}", restoreFrom, e.getMessage());
        }
    }

    /** The job's name in Flink, the same on the local MiniCluster and on a cluster. */
    public static String jobName(JobSettings s) {
        return "driftwatch " + s.topicPrefix();
    }

    static List<String> regionsOf(JobSettings s) {
        return new ArrayList<>(s.kafkaByRegion().keySet());
    }
}
