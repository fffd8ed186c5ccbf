package io.driftwatch.app.conflicts;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.ConflictDesk;
import io.driftwatch.engine.stack.LocalStacks;
import io.driftwatch.app.conflicts.MergeDemo;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.api.StackHandle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The conflicts screen's view-model against real servers: a two-region local stack, a table merged
 * across both regions by the engine, a price changed concurrently in each region, and the operator
 * keeping one side through the view-model. The conflict must leave the list, the audit trail must
 * hold the decision, and the merged view must show the kept price. Every server is stopped when
 * the test ends, also when it fails.
 */
class ConflictsIT {
    private static final String PREFIX = "conflictsit";

    // The test thread plays the FX thread: answers from the background queue up here and run when it pumps.
    private final BlockingQueue<Runnable> fxQueue = new LinkedBlockingQueue<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @Test
    void anOperatorResolvesAConcurrentPriceChangeThroughTheViewModel() throws Exception {
        Path dir = Path.of("target", "it-conflicts").toAbsolutePath();
        deleteRecursively(dir);
        try (StackHandle stack = LocalStacks.start(dir, 2, line -> System.out.println("[it-conflicts] " + line));
             ConflictDesk desk = ConflictDesk.forLocalStack(stack.endpoints(), PREFIX)) {
            StackEndpoints e = stack.endpoints();
            ConflictsViewModel model = new ConflictsViewModel(background, fxQueue::add, "it-operator");
            model.connect(ConflictSource.of(desk));
            pump(Duration.ofSeconds(30), () -> model.statusProperty().get().startsWith("The demo merges no table yet"));
            assertThat(model.mergingProperty().get()).as("nothing merged yet, so nothing can be recorded").isFalse();

            try (MergeDemo demo = MergeDemo.start(e, PREFIX, line -> System.out.println("[it-conflicts] " + line))) {
                demo.concurrentPrices("sku-1", "6.00", "7.00");
                awaitRefreshed(model, Duration.ofMinutes(2), () -> model.conflicts().stream().anyMatch(c -> c.column().equals("price")));
                assertThat(model.mergingProperty().get()).isTrue();
                ConflictDesk.OpenConflict price = model.conflicts().stream().filter(c -> c.column().equals("price")).findFirst().orElseThrow();
                assertThat(price.kind()).isEqualTo("CONCURRENT_MANUAL");
                assertThat(price.key()).contains("sku-1");

                model.filterProperty().set("price");
                assertThat(model.shown()).extracting(ConflictDesk.OpenConflict::id).contains(price.id());
                model.select(price.id());
                assertThat(model.sides()).extracting(ConflictsViewModel.SideRow::region).containsExactlyInAnyOrder("us-east-1", "eu-west-1");
                assertThat(model.sides()).extracting(ConflictsViewModel.SideRow::value).containsExactlyInAnyOrder("6.00", "7.00");
                VectorDiagram diagram = model.diagramProperty().get();
                assertThat(diagram.rows()).hasSize(2);
                assertThat(diagram.rows()).allSatisfy(row -> assertThat(row.cells()).anyMatch(VectorDiagram.Cell::ahead));
                int eu = model.sides().stream().filter(s -> s.region().equals("eu-west-1")).findFirst().orElseThrow().index();

                assertThat(model.keepSide(eu)).as("refused without a reason").isFalse();
                model.reasonProperty().set("the EU price list is the current one");
                assertThat(model.keepSide(eu)).isTrue();
                pump(Duration.ofSeconds(60), () -> !model.busyProperty().get());
                assertThat(model.resultFailedProperty().get()).as(model.resultProperty().get()).isFalse();
                assertThat(model.resultProperty().get()).contains("keep side " + eu).contains("by it-operator");

                awaitRefreshed(model, Duration.ofMinutes(1), () -> model.conflicts().stream().noneMatch(c -> c.id().equals(price.id())));
                assertThat(model.selectedProperty().get()).isNull();
                assertThat(model.audit()).anySatisfy(r -> {
                    assertThat(r.conflictId()).isEqualTo(price.id());
                    assertThat(r.operator()).isEqualTo("it-operator");
                    assertThat(r.reason()).isEqualTo("the EU price list is the current one");
                    assertThat(r.value()).isEqualTo("7.00");
                });
                long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                while (!demo.price("sku-1").orElse("").equals("7.00") && System.nanoTime() < deadline) {
                    Thread.sleep(300);
                }
                assertThat(demo.price("sku-1")).as("the merged view shows the kept price").contains("7.00");
            }
        } finally {
            background.shutdownNow();
            background.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Runs queued answers on this thread until {@code done}. */
    private void pump(Duration timeout, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout);
            }
            Runnable next = fxQueue.poll(100, TimeUnit.MILLISECONDS);
            if (next != null) {
                next.run();
            }
        }
    }

    /** Asks the view-model to read the desk again, as the app's monitor does, until {@code done}. */
    private void awaitRefreshed(ConflictsViewModel model, Duration timeout, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout + "; status: " + model.statusProperty().get()
                        + "; open: " + model.conflicts());
            }
            model.refresh();
            Runnable answer = fxQueue.poll(30, TimeUnit.SECONDS);
            if (answer != null) {
                answer.run();
            }
            Thread.sleep(500);
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
