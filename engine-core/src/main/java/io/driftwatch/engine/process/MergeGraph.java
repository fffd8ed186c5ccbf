package io.driftwatch.engine.process;

import io.driftwatch.engine.naming.PipelineNames;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.header.Header;

/**
 * The multi-region merge part of the job: merged-table rows of visible transactions and operator
 * resolutions → one global sequence → per-row merge → merge-visible number; conflicts to their
 * topic. Resolutions and conflicts live in the home region's Kafka (the first region by name).
 */
final class MergeGraph {
    static final String HEADER_TABLE = "dw.table";
    static final String HEADER_KEY = "dw.key";
    static final String HEADER_CONFLICT = "dw.conflict";

    private MergeGraph() {}

    /**
     * The resolutions topic in the home region, and, when reading through MirrorMaker 2, the
     * copies of the other regions' ones: an operator's decision reaches the job wherever it runs
     * and whichever region's Kafka the console sent it to.
     */
    static java.util.regex.Pattern resolutionTopics(JobSettings s) {
        String topic = java.util.regex.Pattern.quote(s.resolutionsTopic());
        if (s.sourcing() == null) {
            return java.util.regex.Pattern.compile(topic);
        }
        String regions = s.kafkaByRegion().keySet().stream().map(java.util.regex.Pattern::quote)
                .collect(java.util.stream.Collectors.joining("|"));
        return java.util.regex.Pattern.compile("(?:(?:" + regions + ")\\.)?" + topic);
    }

    /** Builds the merge on {@code ready} (merged rows of visible transactions); returns its dead letters. */
    static DataStream<PipelineEvent> build(StreamExecutionEnvironment env, JobSettings s, DataStream<PipelineEvent> ready) {
        String home = s.homeRegion();
        KafkaSource<PipelineEvent> resolutions = KafkaSource.<PipelineEvent>builder()
                .setProperties(s.kafkaClient(home))
                .setBootstrapServers(s.kafkaByRegion().get(home))
                .setTopicPattern(resolutionTopics(s))
                .setGroupId(PipelineNames.resolutionsGroup(s.topicPrefix()))
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new ResolutionDeserializer())
                .setProperty("isolation.level", "read_committed")
                .setProperty("fetch.max.wait.ms", "500") // bounds only an empty wait (PipelineJob.source)
                .build();
        DataStream<PipelineEvent> decided = env.fromSource(resolutions, WatermarkStrategy.noWatermarks(), "resolutions")
                .uid(s.sourcing() == null ? "source-resolutions" : "source-resolutions-via-" + home).setParallelism(1);

        SingleOutputStreamOperator<PipelineEvent> sequenced = ready.union(decided)
                .keyBy(e -> "merge")
                .process(new MergeSequencer()).uid("merge-sequence").name("merge sequence").setParallelism(1);
        SingleOutputStreamOperator<PipelineEvent> merged = sequenced
                .keyBy(e -> e.table + "|" + e.rowKey)
                .process(new MergeFunction(s.clickhouse(), s.registryUrl(), s.merge(), s.flushInterval().toMillis()))
                .uid("merge").name("merge rows");
        merged.union(sequenced.getSideOutput(MergeSequencer.PARTS))
                .keyBy(e -> "merge")
                .process(new MergeVisibility(s.clickhouse(), s.flushInterval().toMillis())).uid("merge-visibility")
                .name("merge visibility").setParallelism(1);

        KafkaSink<String> conflicts = KafkaSink.<String>builder()
                .setBootstrapServers(s.kafkaByRegion().get(home))
                .setKafkaProducerConfig(s.kafkaClient(home))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(KafkaRecordSerializationSchema.<String>builder()
                        .setTopic(s.conflictsTopic())
                        .setValueSerializationSchema(new SimpleStringSchema(StandardCharsets.UTF_8))
                        .build())
                .build();
        merged.getSideOutput(MergeFunction.CONFLICTS).sinkTo(conflicts).uid("conflicts").name("conflicts topic");
        return merged.getSideOutput(DecodeFunction.DEAD);
    }

    /** A resolution record: the change ({@link io.driftwatch.engine.merging.ResolutionFormat}, read by the merge) as value, its row in headers. */
    static final class ResolutionDeserializer implements KafkaRecordDeserializationSchema<PipelineEvent> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<PipelineEvent> out) {
            PipelineEvent e = PipelineEvent.of(PipelineEvent.Kind.MERGE, "resolution", header(record, HEADER_CONFLICT));
            e.table = header(record, HEADER_TABLE);
            e.rowKey = header(record, HEADER_KEY);
            e.commitPosition = record.offset() + 1;
            e.parts = 1;
            e.change = record.value();
            out.collect(e);
        }

        private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
            Header header = record.headers().lastHeader(name);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }

        @Override
        public TypeInformation<PipelineEvent> getProducedType() {
            return TypeInformation.of(PipelineEvent.class);
        }
    }
}
