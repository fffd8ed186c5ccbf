package io.driftwatch.app.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.app.lag.LagThresholds;
import io.driftwatch.app.lag.LagViewModel;
import io.driftwatch.engine.api.LagProbe;
import io.driftwatch.engine.api.LagSnapshot;
import io.driftwatch.engine.api.StackEndpoints;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LagMonitorTest {
    private static final StackEndpoints ENDPOINTS = new StackEndpoints(Map.of(), new StackEndpoints.Registry("http://r"),
            new StackEndpoints.ClickHouse("http://c", "u", "p"), new StackEndpoints.ObjectStore("http://s", "b", "a", "s"));

    /** Counts its probes and remembers the threads they ran on. */
    static final class CountingProbe implements LagProbe {
        final List<String> threads = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        @Override
        public LagSnapshot probe() {
            threads.add(Thread.currentThread().getName());
            if (threads.size() == 2) {
                throw new IllegalStateException("ClickHouse hiccup");
            }
            return new LagSnapshot(Instant.EPOCH.plusSeconds(threads.size()), List.of(),
                    List.of(new LagSnapshot.PartitionLag("us-east-1", "globalmart.public.orders", 0, 10, 5, 5)), List.of(), List.of());
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void probesOnItsOwnThreadKeepsGoingAfterAFailedProbeAndClosesTheProbe() throws Exception {
        CountingProbe probe = new CountingProbe();
        BlockingQueue<Runnable> fx = new LinkedBlockingQueue<>();
        LagViewModel model = new LagViewModel(LagThresholds.defaults(), Duration.ofMinutes(1));
        LagMonitor monitor = new LagMonitor(e -> probe, model, fx::add, Duration.ofMillis(20));
        try {
            monitor.start(ENDPOINTS);
            // Three deliveries: a snapshot, the failure, a snapshot again.
            for (int i = 0; i < 3; i++) {
                Runnable update = fx.poll(10, TimeUnit.SECONDS);
                assertThat(update).as("delivery " + i).isNotNull();
                update.run();
                if (i == 1) {
                    assertThat(model.statusProperty().get()).isEqualTo("Lag cannot be measured: ClickHouse hiccup");
                }
            }
            assertThat(model.rows()).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(5));
        } finally {
            monitor.close();
        }
        assertThat(probe.threads).allMatch(name -> name.equals("driftwatch-lag-monitor"));
        assertThat(probe.closed).isTrue();
    }
}
