package io.driftwatch.engine.api;

import io.driftwatch.engine.naming.PipelineNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.driftwatch.engine.merge.Conflict;
import io.driftwatch.engine.merge.ConflictResolution;
import io.driftwatch.engine.merge.Decision;
import io.driftwatch.engine.merge.HybridClock;
import io.driftwatch.engine.merge.Resolution;
import io.driftwatch.engine.merging.JsonValues;
import io.driftwatch.engine.merging.ResolutionFormat;
import io.driftwatch.engine.merging.StateBytes;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.sink.MergedLayout;
import io.driftwatch.engine.sink.ViewLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The operator's side of conflicts: the open ones, resolving one, and the audit trail.
 *
 * <p>A resolution is a change the merge applies like any other (its vector dominates every
 * side), sent to the job through the resolutions topic; the audit entry (who, when, what, why)
 * is written to ClickHouse at once. The conflict disappears from {@link #open()} once the job
 * has merged the resolution.
 */
public final class ConflictDesk implements AutoCloseable {
    /** One side of a conflict: which region wrote what, having seen what, when. */
    public record Side(String region, String value, Map<String, Long> vector, String clock) {}

    /** An open conflict, as the console lists it. */
    public record OpenConflict(String id, String kind, String table, String key, String column, List<Side> sides, String merged,
                               String reason, long detectedMs) {}

    /** What the operator decided. */
    public sealed interface Choice {
        /** Keep side {@code index} (0-based, as listed) of a concurrent change to a manual column. */
        record KeepSide(int index) implements Choice {}

        /** A value entered by the operator, as JSON ({@code 6.50}, {@code "text"}, {@code 12}) or plain text. */
        record EnterValue(String value) implements Choice {}

        /** Keep what the automatic merge made of it. */
        record AcceptMerge() implements Choice {}
    }

    /** One line of the audit trail. */
    public record AuditRecord(String conflictId, String operator, long atMs, String decision, String value, String merged, String reason,
                              String table, String key, String column) {}

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final ClickHouseHttp clickhouse;
    private final String database;
    private final String resolutionsTopic;
    private final KafkaProducer<byte[], byte[]> producer;

    /**
     * @param kafkaBootstrap the home region's Kafka (the first region by name), where the job reads resolutions
     */
    public ConflictDesk(String clickhouseUrl, String user, String password, String database, String kafkaBootstrap, String topicPrefix) {
        this(clickhouseUrl, user, password, database, new StackEndpoints.Kafka(kafkaBootstrap), topicPrefix);
    }

    /** @param kafka the home region's Kafka (the first region by name) and its security */
    public ConflictDesk(String clickhouseUrl, String user, String password, String database, StackEndpoints.Kafka kafka, String topicPrefix) {
        this.clickhouse = new ClickHouseHttp(clickhouseUrl, user, password);
        this.database = database;
        this.resolutionsTopic = PipelineNames.resolutions(topicPrefix);
        Properties p = new Properties();
        p.putAll(kafka.clientProperties());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** For a local stack: its ClickHouse, and the Kafka of its first region. */
    public static ConflictDesk forLocalStack(StackEndpoints e, String topicPrefix) {
        return forEndpoints(e, PipelineNames.viewsDatabase(topicPrefix), topicPrefix);
    }

    /** For any pipeline's endpoints: its ClickHouse and views database, and the Kafka of its first region by name, with its security. */
    public static ConflictDesk forEndpoints(StackEndpoints e, String database, String topicPrefix) {
        String home = e.regionNames().stream().sorted().findFirst().orElseThrow();
        return new ConflictDesk(e.clickhouse().url(), e.clickhouse().user(), e.clickhouse().password(), database, e.region(home).kafka(),
                topicPrefix);
    }

    /** The open conflicts, oldest first; empty while no merged table exists yet. */
    public List<OpenConflict> open() {
        List<OpenConflict> open = new ArrayList<>();
        for (JsonNode row : openRows()) {
            List<Side> sides = sides(row);
            open.add(new OpenConflict(row.get("id").asText(), row.get("kind").asText(), row.get("table").asText(), row.get("key").asText(),
                    row.get("column").asText(), sides, row.get("merged").asText(), row.get("reason").asText(), row.get("detected_ms").asLong()));
        }
        return open;
    }

    /**
     * Resolves an open conflict: sends the resolving change to the job and writes the audit entry.
     *
     * @throws IllegalArgumentException if the conflict is not open, or the choice does not fit it
     */
    public AuditRecord resolve(String conflictId, Choice choice, String operator, String reason) throws Exception {
        JsonNode row = openRows().stream().filter(r -> r.get("id").asText().equals(conflictId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("conflict " + conflictId + " is not open (resolved already, or unknown)"));
        Conflict conflict = StateBytes.read(Base64.getDecoder().decode(row.get("payload").asText()), Conflict.class);
        Decision decision;
        if (choice instanceof Choice.KeepSide keep) {
            decision = new Decision.KeepSide(keep.index());
        } else if (choice instanceof Choice.EnterValue enter) {
            decision = new Decision.EnterValue(parse(enter.value()));
        } else {
            decision = new Decision.AcceptMerge();
        }
        HybridClock clock = new HybridClock(ConflictResolution.REPLICA_PREFIX + conflictId, io.driftwatch.engine.merge.WallClock.system());
        Resolution resolution = new ConflictResolution(clock).resolve(conflict, decision, operator, reason);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(resolutionsTopic, conflictId.getBytes(StandardCharsets.UTF_8),
                ResolutionFormat.encode(new ResolutionFormat.Message(conflictId, operator, resolution.change())));
        record.headers().add("dw.table", conflict.table().getBytes(StandardCharsets.UTF_8))
                .add("dw.key", conflict.key().getBytes(StandardCharsets.UTF_8))
                .add("dw.conflict", conflictId.getBytes(StandardCharsets.UTF_8))
                .add("dw.operator", operator.getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
        AuditRecord audit = new AuditRecord(conflictId, operator, resolution.audit().when().toEpochMilli(), describe(choice),
                JsonValues.toJson(resolution.audit().value()).toString(), JsonValues.toJson(resolution.audit().mergedValue()).toString(),
                reason, conflict.table(), conflict.key(), conflict.column());
        clickhouse.insert(ViewLayout.q(database) + "." + ViewLayout.q(MergedLayout.AUDIT), List.of(JSON.writeValueAsString(Map.of(
                "conflict_id", audit.conflictId(), "operator", audit.operator(), "at_ms", audit.atMs(), "decision", audit.decision(),
                "value", audit.value(), "merged", audit.merged(), "reason", audit.reason(), "table", audit.table(), "key", audit.key(),
                "column", audit.column()))));
        return audit;
    }

    /** The audit trail, oldest first. */
    public List<AuditRecord> audit() {
        List<AuditRecord> trail = new ArrayList<>();
        for (JsonNode r : clickhouse.query("SELECT * FROM " + ViewLayout.q(database) + "." + ViewLayout.q(MergedLayout.AUDIT)
                + " ORDER BY at_ms, conflict_id")) {
            trail.add(new AuditRecord(r.get("conflict_id").asText(), r.get("operator").asText(), r.get("at_ms").asLong(),
                    r.get("decision").asText(), r.get("value").asText(), r.get("merged").asText(), r.get("reason").asText(),
                    r.get("table").asText(), r.get("key").asText(), r.get("column").asText()));
        }
        return trail;
    }

    /** The sides of a row of the conflicts table ({@code id} and {@code sides_json}). */
    static List<Side> sides(JsonNode row) {
        List<Side> sides = new ArrayList<>();
        try {
            for (JsonNode s : JSON.readTree(row.get("sides_json").asText())) {
                Map<String, Long> vector = new LinkedHashMap<>();
                s.get("vector").fields().forEachRemaining(e -> vector.put(e.getKey(), e.getValue().asLong()));
                sides.add(new Side(s.get("region").asText(), s.get("value").toString(), vector, s.get("clock").asText()));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("conflict " + row.get("id").asText() + " has unreadable sides", e);
        }
        return sides;
    }

    private List<JsonNode> openRows() {
        try {
            return clickhouse.query(MergedLayout.openConflicts(database));
        } catch (ClickHouseHttp.ClickHouseException e) {
            if (e.getMessage() != null && e.getMessage().contains("doesn't exist")) {
                return List.of(); // no merged table has been written yet
            }
            throw e;
        }
    }

    private static Object parse(String text) {
        try {
            return JsonValues.toJava(JSON.readTree(text));
        } catch (java.io.IOException notJson) {
            return text;
        }
    }

    private static String describe(Choice choice) {
        if (choice instanceof Choice.KeepSide keep) {
            return "keep side " + keep.index();
        }
        return choice instanceof Choice.EnterValue enter ? "enter value " + enter.value() : "accept the merge";
    }

    @Override
    public void close() {
        producer.close();
    }
}
