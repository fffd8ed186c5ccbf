package io.driftwatch.engine.process;

import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.sink.ViewLayout;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records, for every checkpoint that completes, where each source partition stood in it: the next
 * offset to read and the timestamp of the last record read. Chained right behind its Kafka
 * source, it sees exactly the records before each checkpoint barrier, so the positions it keeps
 * are the ones in the checkpoint's source state.
 *
 * <p>Why: after a region's Kafka dies, the job is restored from its newest checkpoint but must
 * read from the other region's cluster. The checkpoint's offsets belong to the dead cluster and
 * cannot be read from it; these rows, in ClickHouse, say where each partition stood so that
 * MirrorMaker 2's checkpoints and offset syncs (or the timestamps) can place it in the other
 * cluster.
 */
final class SourcePositions extends RichMapFunction<CapturedRecord, CapturedRecord> implements CheckpointedFunction, CheckpointListener {
    private static final Logger LOG = LoggerFactory.getLogger(SourcePositions.class);
    static final String TABLE = "_source_positions";

    /** One partition's place: next offset to read, timestamp of the last record read. */
    public record Position(String topic, int partition, long nextOffset, long lastTimestamp) implements Serializable {}

    private final ClickHouseSettings clickhouse;
    private final String dataRegion;
    private final String clusterRegion;
    private transient Map<String, Position> positions;
    private transient ListState<Position> state;
    private transient TreeMap<Long, List<Position>> atCheckpoint;
    private transient ClickHouseHttp http;
    private transient String jobId;

    SourcePositions(ClickHouseSettings clickhouse, String dataRegion, String clusterRegion) {
        this.clickhouse = clickhouse;
        this.dataRegion = dataRegion;
        this.clusterRegion = clusterRegion;
    }

    static String createTable(String database) {
        return "CREATE TABLE IF NOT EXISTS " + ViewLayout.q(database) + "." + ViewLayout.q(TABLE)
                + " (job String, checkpoint UInt64, data_region String, cluster_region String, topic String, partition UInt32,"
                + " next_offset UInt64, last_ts UInt64, at DateTime DEFAULT now())"
                + " ENGINE = MergeTree ORDER BY (job, checkpoint, data_region, topic, partition)";
    }

    @Override
    public void open(OpenContext context) {
        http = new ClickHouseHttp(clickhouse.url(), clickhouse.user(), clickhouse.password());
        jobId = getRuntimeContext().getJobInfo().getJobId().toHexString();
        http.execute("CREATE DATABASE IF NOT EXISTS " + ViewLayout.q(clickhouse.database()));
        http.execute(createTable(clickhouse.database()));
    }

    @Override
    public CapturedRecord map(CapturedRecord record) {
        positions.put(record.topic + "|" + record.partition,
                new Position(record.topic, record.partition, record.offset + 1, record.timestamp));
        return record;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        state = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("positions", TypeInformation.of(Position.class)));
        positions = new HashMap<>();
        atCheckpoint = new TreeMap<>();
        for (Position p : state.get()) {
            positions.put(p.topic() + "|" + p.partition(), p);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        List<Position> now = new ArrayList<>(positions.values());
        state.update(now);
        atCheckpoint.put(context.getCheckpointId(), now);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        List<Position> now = atCheckpoint.get(checkpointId);
        atCheckpoint.headMap(checkpointId, true).clear();
        if (now == null || now.isEmpty()) {
            return;
        }
        List<String> rows = new ArrayList<>();
        for (Position p : now) {
            rows.add("{\"job\":\"" + jobId + "\",\"checkpoint\":" + checkpointId + ",\"data_region\":\"" + dataRegion
                    + "\",\"cluster_region\":\"" + clusterRegion + "\",\"topic\":\"" + p.topic().replace("\"", "")
                    + "\",\"partition\":" + p.partition() + ",\"next_offset\":" + p.nextOffset() + ",\"last_ts\":" + p.lastTimestamp() + "}");
        }
        try {
            http.insert(ViewLayout.q(clickhouse.database()) + "." + ViewLayout.q(TABLE), rows);
        } catch (RuntimeException e) {
            // Only a failover reads these; without them it re-reads the partition from its start, which is slower, not wrong.
            LOG.warn("cannot record the source positions of checkpoint {}: {}", checkpointId, e.getMessage());
        }
    }
}
