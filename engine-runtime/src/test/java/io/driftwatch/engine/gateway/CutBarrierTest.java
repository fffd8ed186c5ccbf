package io.driftwatch.engine.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CutBarrierTest {

    @Test
    void anAdvanceWaitsUntilTheRunningQueryEnds() throws Exception {
        CutBarrier barrier = new CutBarrier();
        AtomicBoolean advanced = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread advance;
        try (CutBarrier.Pass query = barrier.query()) {
            advance = new Thread(() -> {
                barrier.advance(() -> advanced.set(true));
                done.countDown();
            });
            advance.start();
            assertThat(done.await(300, TimeUnit.MILLISECONDS)).as("the advance ran during the query").isFalse();
            assertThat(advanced).isFalse();
        }
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(advanced).isTrue();
        advance.join();
    }

    @Test
    void aQueryArrivingWhileAnAdvanceWaitsStartsOnlyAfterIt() throws Exception {
        CutBarrier barrier = new CutBarrier();
        StringBuffer order = new StringBuffer();
        Thread advance;
        Thread later;
        try (CutBarrier.Pass running = barrier.query()) {
            advance = new Thread(() -> barrier.advance(() -> order.append("advance ")));
            advance.start();
            while (!barrier.hasWaitingAdvance()) {
                Thread.sleep(5);
            }
            later = new Thread(() -> {
                try (CutBarrier.Pass q = barrier.query()) {
                    order.append("later-query ");
                }
            });
            later.start();
            Thread.sleep(200);
            assertThat(order.toString()).isEmpty();
        }
        advance.join(5_000);
        later.join(5_000);
        assertThat(order.toString()).isEqualTo("advance later-query ");
    }

    @Test
    void queriesRunTogether() throws Exception {
        CutBarrier barrier = new CutBarrier();
        try (CutBarrier.Pass a = barrier.query(); CutBarrier.Pass b = barrier.query()) {
            assertThat(barrier.running()).isEqualTo(2);
        }
        assertThat(barrier.running()).isZero();
    }
}
