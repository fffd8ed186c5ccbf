package io.driftwatch.app.services;

import io.driftwatch.engine.api.PipelineClients;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.inventory.InventoryViewModel;
import io.driftwatch.app.inventory.SkuRow;
import io.driftwatch.app.regions.RegionRow;
import io.driftwatch.app.regions.RegionsViewModel;
import io.driftwatch.app.regions.ReplicationDirection;
import io.driftwatch.app.conflicts.ConflictsViewModel;
import io.driftwatch.app.lag.LagRow;
import io.driftwatch.app.lag.LagThresholds;
import io.driftwatch.app.lag.LagViewModel;
import io.driftwatch.app.schemas.SchemasViewModel;
import io.driftwatch.engine.api.AttachedPipeline;
import io.driftwatch.engine.api.ConflictDesk;
import io.driftwatch.engine.api.InventoryReader;
import io.driftwatch.engine.api.LagProbe;
import io.driftwatch.engine.api.SchemaRegistry;
import io.driftwatch.engine.stack.StackPipelineConfig;
import io.driftwatch.engine.demo.LocalPipeline;
import io.driftwatch.engine.api.ReplicationProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The regions and inventory screens' view-models against the real two-region demo pipeline,
 * read the way the app reads them: both regions' servers up, processing in us-east-1,
 * MirrorMaker 2's lag measured in both directions, each warehouse's stock and the merged sellable
 * figure, and — once both regions together sold more than a SKU's stock — an open oversell whose
 * sides are the two regions' sales; and the same pipeline attached through its config shows
 * live lag, that oversell and the registry's subjects. Every server is stopped when the test ends, also when it fails.
 */
class TwoRegionScreensIT {
    private static final Executor NO_MOVES = task -> {
        throw new AssertionError("this test makes no move");
    };

    @Test
    void theRegionsAndInventoryScreensShowTheRunningDemo() throws Exception {
        Path dir = Path.of("target", "it-two-regions").toAbsolutePath();
        deleteRecursively(dir);
        try (LocalPipeline pipeline = LocalPipeline.start(dir, 2, 11, line -> System.out.println("[it-two-regions] " + line))) {
            pipeline.startWorkload(20, Duration.ofMinutes(3));
            RegionsViewModel regions = new RegionsViewModel(NO_MOVES, Runnable::run, System::currentTimeMillis);
            regions.connect(pipeline.regionControl().orElseThrow());
            InventoryViewModel inventory = new InventoryViewModel();
            try (RegionsReader regionsReader = new RegionsReader(() -> pipeline.status().servers(), pipeline.regionControl(),
                    PipelineClients.load().replicationProbe(pipeline.endpoints(), LocalPipeline.PREFIX), pipeline.endpoints().regionNames())) {
                InventoryReader inventoryReader = InventoryReader.forLocalStack(pipeline.endpoints(), LocalPipeline.PREFIX);

                await(Duration.ofMinutes(2), () -> {
                    regions.update(regionsReader.read());
                    return regions.directions().size() == 2 && regions.directions().stream().allMatch(d -> d.partitions() > 0);
                }, () -> regions.statusProperty().get() + " / " + regions.mirrorProperty().get());
                assertThat(regions.activeProperty().get()).isEqualTo("us-east-1");
                assertThat(regions.regions()).extracting(RegionRow::region).containsExactly("us-east-1", "eu-west-1");
                assertThat(regions.regions()).allMatch(RegionRow::up);
                assertThat(regions.directions()).extracting(ReplicationDirection::direction)
                        .containsExactlyInAnyOrder("us-east-1 → eu-west-1", "eu-west-1 → us-east-1");
                assertThat(regions.partitions()).anyMatch(l -> l.fromRegion().equals("eu-west-1") && l.sourceEnd() > 0);
                assertThat(regions.mirrorProperty().get()).startsWith("MirrorMaker 2 is up, copying 2 directions");
                assertThat(regions.canFailoverProperty().get()).isTrue();
                assertThat(regions.failoverTargetProperty().get()).isEqualTo("eu-west-1");

                await(Duration.ofMinutes(4), () -> {
                    inventory.update(inventoryReader.read());
                    // The primary's snapshot of the reference data is one large transaction: its stock shows once it is whole.
                    return inventory.incidents().stream().anyMatch(InventoryReader.Oversell::open)
                            && inventory.warehouses().size() == 2 && inventory.rows().stream().allMatch(r -> r.sellable() != null);
                }, () -> inventory.statusProperty().get() + " / " + inventory.summaryProperty().get() + " / " + inventory.warehouses());
                assertThat(inventory.warehouses()).containsExactly("eu-west-1", "us-east-1");
                assertThat(inventory.rows()).hasSizeGreaterThanOrEqualTo(100).allSatisfy(r -> {
                    assertThat(r.byWarehouse()).containsOnlyKeys("eu-west-1", "us-east-1");
                    assertThat(r.sellable()).isNotNull();
                });
                SkuRow worst = inventory.rows().get(0);
                assertThat(worst.openIncident()).isTrue();
                InventoryReader.Oversell open = inventory.incidents().get(0);
                assertThat(open.open()).isTrue();
                assertThat(Long.parseLong(open.merged())).isNegative();
                assertThat(open.sides()).extracting(s -> s.region()).containsExactlyInAnyOrder("us-east-1", "eu-west-1");
                inventory.select(open.conflictId());
                // Each side's vector counts its own region's changes (capture does not learn the other region's yet), so the sales are concurrent.
                assertThat(inventory.sales()).hasSize(2).allSatisfy(s -> assertThat(s.vector()).contains(s.region()));

                attachedScreensShow(pipeline, dir);
            }
        }
    }

    /**
     * The same pipeline as a console on another machine reaches it: through the config 'stack
     * config --demo' prints, with the credentials it references, the Lag, Conflicts and Schemas
     * screens' view-models show live data.
     */
    private static void attachedScreensShow(LocalPipeline pipeline, Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("attach.yaml"), StackPipelineConfig.yaml(StackPipelineConfig.of(pipeline.endpoints(), dir,
                LocalPipeline.PREFIX, LocalPipeline.MERGE, "public.outbox")));
        AttachedPipeline attached = io.driftwatch.engine.service.ConfiguredPipeline.read(config);
        assertThat(attached.hasViews()).isTrue();
        LagViewModel lag = new LagViewModel(LagThresholds.defaults(), Duration.ofMinutes(10));
        ConflictsViewModel conflicts = new ConflictsViewModel(Runnable::run, Runnable::run, "attach-it");
        SchemasViewModel schemas = new SchemasViewModel(Runnable::run, Runnable::run);
        try (LagMonitor lagMonitor = new LagMonitor(e -> PipelineClients.load().lagProbe(e, attached.lagSources()), lag, Runnable::run, Duration.ofSeconds(1));
             ConflictMonitor conflictMonitor = new ConflictMonitor(e -> ConflictDesk.forEndpoints(e, attached.viewDatabase(),
                     attached.topicPrefix()), conflicts, Runnable::run, Duration.ofSeconds(1))) {
            lagMonitor.start(attached.endpoints());
            conflictMonitor.start(attached.endpoints());
            schemas.connect(PipelineClients.load().schemaRegistry(attached.endpoints().registry().url()));
            await(Duration.ofMinutes(1), () -> java.util.Set.copyOf(lag.rows().stream().map(LagRow::stage).toList()).size() == 3
                    && lag.rows().stream().map(LagRow::region).distinct().count() == 2, () -> lag.statusProperty().get() + " " + lag.rows());
            // A conflict's id follows its content (a further sale makes a new one), so look for the kind, not the id.
            await(Duration.ofMinutes(1), () -> conflicts.conflicts().stream().anyMatch(c -> c.kind().equals("INVARIANT_VIOLATION")
                    && c.table().equals("public.stock_levels") && c.sides().size() == 2), () -> conflicts.statusProperty().get());
            await(Duration.ofMinutes(1), () -> schemas.subjects().contains("globalmart.public.orders-value"), () -> schemas.subjects().toString());
        }
        // Pipeline: throughput from the pipeline's own systems, the job as the demo's engine (its own process) reports it.
        io.driftwatch.app.pipeline.PipelineViewModel pipelineModel = new io.driftwatch.app.pipeline.PipelineViewModel();
        io.driftwatch.engine.api.ConfiguredEndpoints configured = io.driftwatch.engine.api.ConfiguredEndpoints.read(config);
        pipelineModel.attached(configured, configured.probe(Duration.ofSeconds(2)));
        try (AttachedMonitor monitor = new AttachedMonitor(attached, pipelineModel, Runnable::run, Duration.ofSeconds(1)).start()) {
            await(Duration.ofMinutes(1), () -> pipelineModel.tiles().stream().filter(t -> t.stage() == io.driftwatch.app.pipeline.Stage.POSTGRES
                    || t.stage() == io.driftwatch.app.pipeline.Stage.CLICKHOUSE).filter(t -> t.health() == io.driftwatch.app.pipeline.Health.OK)
                    .count() == 4, () -> pipelineModel.tiles().toString());
            await(Duration.ofSeconds(30), () -> pipelineModel.processingProperty().get().contains("running:")
                    && pipelineModel.processingProperty().get().contains("commit→visible p50"), () -> pipelineModel.processingProperty().get());
            assertThat(attached.captures(Duration.ofSeconds(5))).extracting(io.driftwatch.engine.api.EngineCapture::state).containsOnly("running")
                    .hasSize(2);
        }
        // Inventory: the stock views, read with the config's ClickHouse user.
        io.driftwatch.engine.api.StackEndpoints.ClickHouse ch = attached.endpoints().clickhouse();
        io.driftwatch.engine.api.InventoryReader.Snapshot stock = new io.driftwatch.engine.api.InventoryReader(ch.url(), ch.user(), ch.password(),
                attached.viewDatabase()).read();
        assertThat(stock.stockVisible()).isTrue();
        assertThat(stock.stock()).extracting(io.driftwatch.engine.api.InventoryReader.WarehouseStock::warehouse).hasSizeGreaterThan(1);
        assertThat(stock.sellable()).isNotEmpty();
    }

    private static void await(Duration timeout, BooleanSupplier done, java.util.function.Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout + ": " + state.get());
            }
            Thread.sleep(2000);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
