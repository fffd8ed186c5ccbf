package io.driftwatch.engine.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.stack.LocalStack;
import io.driftwatch.engine.stack.LocalStackExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults under load, one server at a time, on one pipeline that keeps running through all of
 * them: each drill ends with the views equal to the source, and the invariant sampler, reading
 * the views throughout, never sees a partial transaction.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {
    private static final String REGION = "us-east-1";
    private static final String PREFIX = "faults";
    private DrillPipeline pipeline;
    private StackEndpoints endpoints;

    @BeforeAll
    void start(LocalStack stack) throws Exception {
        endpoints = stack.endpoints();
        // Room for the views through all six drills (the disk-full one fills what is left): ClickHouse 18.16 keeps
        // hundreds of small parts until it merges them, a few hundred MiB over a run on a busy machine.
        pipeline = DrillPipeline.start(stack, REGION, PREFIX, 40, 1024L * 1024 * 1024, System.out::println);
    }

    @AfterAll
    void stop() throws Exception {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void kafkaKilledAndRestarted() throws Exception {
        DrillResult r = pipeline.drill(Faults.kafkaKill(REGION), Duration.ofSeconds(5));
        assertExactAndConsistent(r);
        assertThat(r.serverBack()).as("the broker came back").isLessThan(Duration.ofMinutes(1));
    }

    @Test
    @Order(2)
    void clickHouseKilledAndRestarted() throws Exception {
        DrillResult r = pipeline.drill(Faults.clickhouseKill(), Duration.ofSeconds(5));
        assertExactAndConsistent(r);
        assertThat(r.jobFailures()).as("the job says which server failed and what to do").anySatisfy(cause ->
                assertThat(cause).contains("ClickHouse at " + endpoints.clickhouse().url()).contains("unreachable")
                        .contains("resumes writing by itself"));
    }

    @Test
    @Order(3)
    void postgresRestartedTheSlotSurvivesAndCaptureResumes() throws Exception {
        String slot = "driftwatch_" + PREFIX + "_" + REGION.replace('-', '_');
        String before = slotPosition(slot);
        DrillResult r = pipeline.drill(Faults.postgresRestart(REGION), Duration.ofSeconds(2));
        assertExactAndConsistent(r);
        assertThat(before).as("the slot existed before").isNotNull();
        assertThat(slotPosition(slot)).as("the same slot, further on").isNotNull().isNotEqualTo(before);
        assertThat(r.committed()).as("the load went on after the restart").isPositive();
    }

    @Test
    @Order(4)
    void registryDownForThirtySecondsWhileASchemaChanges() throws Exception {
        DrillResult r = pipeline.drill(Faults.registryDown(), Duration.ofSeconds(30));
        assertExactAndConsistent(r);
        assertThat(r.captureReport()).as("capture backs off and says why").contains("retrying").containsIgnoringCase("registry");
    }

    @Test
    @Order(5)
    void clickHouseDiskFullIsReportedAndRecoveredFrom() throws Exception {
        Assumptions.assumeTrue(pipeline.disk().mounted(),
                "the disk-full drill needs a size-limited filesystem, which only root may mount here");
        DrillResult r = pipeline.drill(Faults.clickhouseDiskFull(), Duration.ofSeconds(8));
        assertExactAndConsistent(r);
        assertThat(r.jobFailures()).as("the job reports the full disk, the server and what to do").anySatisfy(cause ->
                assertThat(cause).contains("ClickHouse at " + endpoints.clickhouse().url()).contains("out of disk space")
                        .contains("free space"));
    }

    @Test
    @Order(6)
    void theTargetBrokerOfMirrorMakersFlowKilledForThirtySecondsAndEveryCopyCatchesUp() throws Exception {
        String other = endpoints.regionNames().stream().filter(r -> !r.equals(REGION)).findFirst().orElseThrow();
        DrillResult r = pipeline.drill(Faults.mirrorTargetKill(REGION, other), Duration.ofSeconds(30));
        assertExactAndConsistent(r);
        assertThat(r.copiesCaughtUp()).as("every copy in %s caught up after its broker came back", other)
                .isNotNull().isLessThan(Duration.ofMinutes(2));
    }

    private static void assertExactAndConsistent(DrillResult r) {
        assertThat(r.pinnedViolations()).as("orders whose total differed from their lines at one visible position").isEmpty();
        assertThat(r.samples()).as("the sampler read the views during the drill").isGreaterThanOrEqualTo(5);
        System.out.println(r);
    }

    private String slotPosition(String slot) throws Exception {
        try (Connection c = SteadyLoad.connect(endpoints.region(REGION).postgres()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
