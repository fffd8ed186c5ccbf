package io.driftwatch.app.pipeline;

import static io.driftwatch.app.pipeline.Readings.EAST;
import static io.driftwatch.app.pipeline.Readings.T0;
import static io.driftwatch.app.pipeline.Readings.WEST;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.ActivitySnapshot;
import io.driftwatch.engine.api.LagSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopologyTest {

    private static StageTile tile(Topology topology, String region, Stage stage) {
        return topology.tiles().stream().filter(t -> t.region().equals(region) && t.stage() == stage).findFirst().orElseThrow();
    }

    /** Two readings of every source, two seconds apart. */
    private static Topology twoReadings(String assemblyBackpressure) {
        Topology topology = new Topology();
        topology.status(Readings.status(1_000), T0);
        topology.lag(Readings.lag(0, 10_000));
        topology.activity(Readings.activity(0, 500, 1_000_000, 40));
        topology.job(Readings.job(900, "ok"), null, T0);

        topology.status(Readings.status(1_600), T0.plusSeconds(2));
        topology.lag(Readings.lag(2, 10_800));
        topology.activity(Readings.activity(2, 540, 1_000_000 + 2 * 51_200, 80));
        topology.job(Readings.job(1_500, assemblyBackpressure), null, T0.plusSeconds(2));
        return topology;
    }

    @Test
    void everyRegionHasEveryStageInPipelineOrder() {
        Topology topology = twoReadings("ok");
        assertThat(topology.regions()).containsExactly(EAST, WEST);
        assertThat(topology.tiles()).extracting(StageTile::stage).containsExactly(
                Stage.POSTGRES, Stage.CAPTURE, Stage.KAFKA, Stage.MIRROR, Stage.FLINK, Stage.CLICKHOUSE,
                Stage.POSTGRES, Stage.CAPTURE, Stage.KAFKA, Stage.MIRROR, Stage.FLINK, Stage.CLICKHOUSE);
    }

    @Test
    void eachStagesThroughputIsItsCountersGrowthPerSecond() {
        Topology topology = twoReadings("ok");
        assertThat(tile(topology, EAST, Stage.POSTGRES)).isEqualTo(new StageTile(EAST, Stage.POSTGRES, Health.OK, "20 tx/s", "commits; WAL 50 KiB/s"));
        assertThat(tile(topology, EAST, Stage.CAPTURE)).isEqualTo(new StageTile(EAST, Stage.CAPTURE, Health.OK, "300 events/s", "slot 4 KiB behind"));
        assertThat(tile(topology, EAST, Stage.KAFKA)).isEqualTo(new StageTile(EAST, Stage.KAFKA, Health.OK, "400 rec/s", "job's lag 7 records"));
        assertThat(tile(topology, EAST, Stage.FLINK)).isEqualTo(new StageTile(EAST, Stage.FLINK, Health.OK, "300 rec/s", "no backpressure"));
        assertThat(tile(topology, EAST, Stage.CLICKHOUSE)).isEqualTo(new StageTile(EAST, Stage.CLICKHOUSE, Health.OK, "20 tx/s", "made visible; caught up"));
    }

    @Test
    void aStandbyRegionsKafkaShowsTheJobsLagOnItsCopiesInTheClusterTheJobReads() {
        Topology topology = twoReadings("ok");
        topology.lag(new LagSnapshot(T0.plusSeconds(4), List.of(),
                List.of(new LagSnapshot.PartitionLag(EAST, "globalmart.public.orders", 0, 100, 97, 3),
                        new LagSnapshot.PartitionLag(EAST, WEST + ".globalmart.public.orders", 0, 50, 45, 5)),
                List.of(), List.of()));
        assertThat(tile(topology, WEST, Stage.KAFKA).detail()).isEqualTo("job's lag 5 records (its copies in " + EAST + ")");
        assertThat(tile(topology, EAST, Stage.KAFKA).detail()).isEqualTo("job's lag 8 records");
        // MirrorMaker 2 is no server of an attached pipeline, but the job reads its copies.
        assertThat(tile(topology, WEST, Stage.MIRROR).health()).isEqualTo(Health.IDLE);
        assertThat(tile(topology, EAST, Stage.MIRROR).rate()).isEqualTo("outside config");
    }

    @Test
    void withoutMirrorMakerTheMirrorIsNotConfiguredInEveryRegionAndShowsNoFigure() {
        Topology topology = twoReadings("ok");
        for (String region : List.of(EAST, WEST)) {
            StageTile mirror = tile(topology, region, Stage.MIRROR);
            assertThat(mirror.health()).isEqualTo(Health.NOT_CONFIGURED);
            assertThat(mirror.rate()).isEqualTo("not configured");
            assertThat(mirror.rate() + mirror.detail()).as("no figure").doesNotContain("/s").doesNotContain("behind");
        }
    }

    @Test
    void withMirrorMakerInTheStackTheMirrorTileSaysWhetherItRuns() {
        Topology topology = twoReadings("ok");
        List<io.driftwatch.engine.api.ServerStatus> servers = new java.util.ArrayList<>(Readings.servers(true));
        servers.add(new io.driftwatch.engine.api.ServerStatus("mirror", 6, 0, true, true, 0));
        topology.servers(servers);
        assertThat(tile(topology, EAST, Stage.MIRROR)).extracting(StageTile::health, StageTile::rate).containsExactly(Health.OK, "running");
        assertThat(tile(topology, WEST, Stage.MIRROR).detail()).contains("Regions");

        servers.set(servers.size() - 1, new io.driftwatch.engine.api.ServerStatus("mirror", 6, 0, false, false, 0));
        topology.servers(servers);
        assertThat(tile(topology, WEST, Stage.MIRROR)).extracting(StageTile::health, StageTile::rate).containsExactly(Health.DOWN, "down");
    }

    @Test
    void aRegionWithoutCaptureOrJobSourceIsIdleNotZero() {
        Topology topology = twoReadings("ok");
        assertThat(tile(topology, WEST, Stage.POSTGRES).rate()).isEqualTo("0.0 tx/s");
        assertThat(tile(topology, WEST, Stage.CAPTURE)).extracting(StageTile::health, StageTile::rate).containsExactly(Health.IDLE, "no capture");
        assertThat(tile(topology, WEST, Stage.KAFKA)).extracting(StageTile::health, StageTile::rate).containsExactly(Health.IDLE, "no topics");
        assertThat(tile(topology, WEST, Stage.FLINK)).extracting(StageTile::health, StageTile::rate).containsExactly(Health.IDLE, "not read");
        assertThat(tile(topology, WEST, Stage.CLICKHOUSE).health()).isEqualTo(Health.IDLE);
    }

    @Test
    void oneReadingIsNotARate() {
        Topology topology = new Topology();
        topology.status(Readings.status(1_000), T0);
        topology.lag(Readings.lag(0, 10_000));
        topology.activity(Readings.activity(0, 500, 1_000_000, 40));
        topology.job(Readings.job(900, "ok"), null, T0);
        assertThat(topology.tiles()).filteredOn(t -> t.region().equals(EAST) && t.stage() != Stage.MIRROR)
                .allSatisfy(t -> assertThat(t.health()).as(t.stage().name()).isEqualTo(Health.WAITING));
    }

    @Test
    void highBackpressureStrainsTheJobsStage() {
        StageTile flink = tile(twoReadings("high"), EAST, Stage.FLINK);
        assertThat(flink.health()).isEqualTo(Health.STRAINED);
        assertThat(flink.detail()).isEqualTo("backpressure high: assemble and write");
    }

    @Test
    void aServerThatDoesNotAnswerTurnsItsStageDown() {
        Topology topology = twoReadings("ok");
        topology.servers(Readings.servers(false));
        assertThat(tile(topology, WEST, Stage.KAFKA)).extracting(StageTile::health, StageTile::rate).containsExactly(Health.DOWN, "down");
        assertThat(tile(topology, EAST, Stage.KAFKA).health()).isEqualTo(Health.OK);
    }

    @Test
    void aProbeProblemIsShownOnItsStage() {
        Topology topology = twoReadings("ok");
        topology.activity(new ActivitySnapshot(T0.plusSeconds(4), Map.of(), Map.of(),
                List.of("PostgreSQL in us-east-1 did not answer: connection refused", "ClickHouse did not answer: timeout")));
        assertThat(tile(topology, EAST, Stage.POSTGRES)).extracting(StageTile::health, StageTile::detail)
                .containsExactly(Health.DOWN, "PostgreSQL in us-east-1 did not answer: connection refused");
        assertThat(tile(topology, EAST, Stage.CLICKHOUSE).health()).isEqualTo(Health.DOWN);
    }

    @Test
    void anInactiveSlotMeansCaptureStopped() {
        Topology topology = twoReadings("ok");
        topology.lag(new LagSnapshot(T0.plusSeconds(4), List.of(new LagSnapshot.SlotLag(EAST, "s", false, 2 * 1024 * 1024)), List.of(),
                List.of(), List.of()));
        assertThat(tile(topology, EAST, Stage.CAPTURE)).isEqualTo(new StageTile(EAST, Stage.CAPTURE, Health.DOWN, "stopped",
                "slot inactive, slot 2 MiB behind"));
    }

    @Test
    void flinksRestApiNotAnsweringIsSaid() {
        Topology topology = twoReadings("ok");
        topology.job(null, "connection refused", T0.plusSeconds(4));
        assertThat(tile(topology, EAST, Stage.FLINK)).extracting(StageTile::health, StageTile::detail)
                .containsExactly(Health.DOWN, "REST API: connection refused");
    }

    @Test
    void anAttachedPipelinesCaptureHasEachRegionsOwnRateAndItsStateFromTheEnginesReport() {
        Topology topology = new Topology();
        topology.servers(Readings.servers(true));
        topology.lag(Readings.lag(0, 10_000));
        topology.captures(List.of(new io.driftwatch.engine.api.EngineCapture(EAST, "running", 1_000, null, "etl/1", 0),
                new io.driftwatch.engine.api.EngineCapture(WEST, "retrying", 50, "Kafka at k2:9092 refused the credentials", "etl/1", 0)), T0);
        assertThat(tile(topology, EAST, Stage.CAPTURE)).as("one reading is not a rate").extracting(StageTile::health).isEqualTo(Health.WAITING);

        topology.captures(List.of(new io.driftwatch.engine.api.EngineCapture(EAST, "running", 1_400, null, "etl/1", 0),
                new io.driftwatch.engine.api.EngineCapture(WEST, "failed", 50, "replication slot lost", "etl/1", 0)), T0.plusSeconds(2));
        assertThat(tile(topology, EAST, Stage.CAPTURE)).isEqualTo(new StageTile(EAST, Stage.CAPTURE, Health.OK, "200 events/s", "slot 4 KiB behind"));
        assertThat(tile(topology, WEST, Stage.CAPTURE)).isEqualTo(new StageTile(WEST, Stage.CAPTURE, Health.DOWN, "failed", "replication slot lost"));
    }
}
