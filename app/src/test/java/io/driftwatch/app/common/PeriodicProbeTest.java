package io.driftwatch.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicProbeTest {

    /** Remembers the threads it was used and closed on. */
    static final class Source implements AutoCloseable {
        final List<String> threads = new CopyOnWriteArrayList<>();
        volatile String closedOn;

        @Override
        public void close() {
            closedOn = Thread.currentThread().getName();
        }
    }

    @Test
    void opensTicksAndClosesOnItsOwnThreadAndATickFailureDoesNotEndTheSchedule() throws Exception {
        Source source = new Source();
        CountDownLatch ticks = new CountDownLatch(4);
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicInteger n = new AtomicInteger();
        PeriodicProbe<Source> probe = new PeriodicProbe<>("test-probe", Duration.ZERO, Duration.ofMillis(10));
        try {
            probe.start(() -> source, s -> s.threads.add("opened on " + Thread.currentThread().getName()), s -> {
                s.threads.add(Thread.currentThread().getName());
                ticks.countDown();
                if (n.incrementAndGet() == 2) {
                    throw new IllegalStateException("hiccup");
                }
            }, e -> failures.add(e.getMessage()));
            assertThat(ticks.await(10, TimeUnit.SECONDS)).as("ticks after a failed one").isTrue();
        } finally {
            probe.close();
        }
        assertThat(failures).containsExactly("hiccup");
        assertThat(source.threads.get(0)).isEqualTo("opened on test-probe");
        assertThat(source.threads.subList(1, source.threads.size())).allMatch("test-probe"::equals);
        assertThat(source.closedOn).isEqualTo("test-probe");
    }

    @Test
    void aSourceThatCannotBeOpenedIsReportedAndNeverTicked() throws Exception {
        CountDownLatch failed = new CountDownLatch(1);
        AtomicInteger ticks = new AtomicInteger();
        PeriodicProbe<Source> probe = new PeriodicProbe<>("test-probe", Duration.ZERO, Duration.ofMillis(5));
        try {
            probe.start(() -> {
                throw new IllegalStateException("connection refused");
            }, s -> {}, s -> ticks.incrementAndGet(), e -> failed.countDown());
            assertThat(failed.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(50);
        } finally {
            probe.close();
        }
        assertThat(ticks).hasValue(0);
    }
}
