package io.driftwatch.engine.merge;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Merge throughput on one core (merges per second). Not a test: surefire does not pick it up.
 *
 * <p>The row is the GlobalMart inventory row with every policy, after a few dozen changes from
 * two regions; the incoming change is concurrent with the row and touches every column, the
 * expensive case. Run with {@code ./driftwatch bench merge}, or (after {@code test-compile}):
 * <pre>
 * java -cp "engine-core/target/test-classes:engine-core/target/classes:$(cat /tmp/cp.txt)" \
 *      org.openjdk.jmh.Main MergeBenchmark
 * </pre>
 * with {@code /tmp/cp.txt} from {@code mvn -pl engine-core dependency:build-classpath
 * -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MergeBenchmark {
    private static final String US = "us-east-1";
    private static final String EU = "eu-west-1";

    private RowMerger merger;
    private RowState row;
    private RowState otherReplica;
    private Change concurrent;
    private Change replay;
    private Change causallyLater;
    private VersionVector left;
    private VersionVector right;
    private byte[] encodedVector;

    @Setup
    public void setUp() {
        merger = Inventory.merger();
        ManualWallClock wall = new ManualWallClock(1_700_000_000_000L);
        HybridClock us = new HybridClock(US, wall);
        HybridClock eu = new HybridClock(EU, wall);
        VersionVector usSeen = VersionVector.empty();
        VersionVector euSeen = VersionVector.empty();
        RowState state = Inventory.empty();
        RowState euOnly = Inventory.empty();
        for (int i = 0; i < 20; i++) {
            wall.advance(3);
            usSeen = usSeen.increment(US);
            Change u = new Change(Inventory.TABLE, Inventory.KEY, US, usSeen, us.now(), edits(i));
            state = merger.apply(state, u).state();
            euSeen = euSeen.increment(EU);
            Change e = new Change(Inventory.TABLE, Inventory.KEY, EU, euSeen, eu.now(), edits(i + 100));
            state = merger.apply(state, e).state();
            euOnly = merger.apply(euOnly, e).state();
            if (i % 5 == 4) { // the mirrors catch up now and then
                usSeen = usSeen.merge(euSeen);
                euSeen = euSeen.merge(usSeen);
                replay = u;
            }
        }
        row = state;
        otherReplica = euOnly;
        concurrent = new Change(Inventory.TABLE, Inventory.KEY, EU, euSeen.increment(EU), eu.now(), edits(7));
        causallyLater = new Change(Inventory.TABLE, Inventory.KEY, US, row.vector().increment(US), us.now(), edits(8));
        left = usSeen;
        right = euSeen;
        encodedVector = VersionVectorCodec.encode(row.vector());
    }

    private static Map<String, ColumnEdit> edits(int i) {
        return Map.of(
                Inventory.NAME, new ColumnEdit.Assign("name-" + i % 4),
                Inventory.PRICE, new ColumnEdit.Assign((long) (i % 9)),
                Inventory.FIRST_SEEN, new ColumnEdit.Assign((long) (i % 11)),
                Inventory.STOCK, new ColumnEdit.CounterDelta(i % 2 == 0 ? 5 : -3),
                Inventory.TAGS, i % 3 == 0 ? ColumnEdit.SetEdit.removing("tag-" + i % 5) : ColumnEdit.SetEdit.adding("tag-" + i % 5),
                Inventory.APPROVED, new ColumnEdit.Assign(10L * (i % 3)));
    }

    /** The hot path of the job: one concurrent change into a row, conflicts derived. */
    @Benchmark
    public MergeOutcome applyConcurrentChange() {
        return merger.apply(row, concurrent);
    }

    /** A change that has seen the whole row replaces it. */
    @Benchmark
    public MergeOutcome applyCausallyLaterChange() {
        return merger.apply(row, causallyLater);
    }

    /** At-least-once delivery: a duplicate. */
    @Benchmark
    public MergeOutcome applyReplayedChange() {
        return merger.apply(row, replay);
    }

    /** Joining two replicas' states of the row. */
    @Benchmark
    public RowState joinRowStates() {
        return row.merge(otherReplica);
    }

    @Benchmark
    public Causality compareVectors() {
        return left.compare(right);
    }

    @Benchmark
    public VersionVector decodeVectorHeader() {
        return VersionVectorCodec.decode(encodedVector);
    }
}
