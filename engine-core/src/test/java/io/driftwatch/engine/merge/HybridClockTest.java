package io.driftwatch.engine.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class HybridClockTest {

    @Test
    void followsTheWallClockWhenItMovesForward() {
        ManualWallClock wall = new ManualWallClock(1_000);
        HybridClock clock = new HybridClock("us-east-1", wall);
        assertThat(clock.now()).isEqualTo(new HybridTimestamp(1_000, 0, "us-east-1"));
        wall.set(1_005);
        assertThat(clock.now()).isEqualTo(new HybridTimestamp(1_005, 0, "us-east-1"));
    }

    @Test
    void countsLogicallyWhenTheWallClockStandsStill() {
        HybridClock clock = new HybridClock("us-east-1", new ManualWallClock(1_000));
        clock.now();
        assertThat(clock.now()).isEqualTo(new HybridTimestamp(1_000, 1, "us-east-1"));
        assertThat(clock.now()).isEqualTo(new HybridTimestamp(1_000, 2, "us-east-1"));
    }

    @Test
    void staysMonotoneWhenTheWallClockJumpsBackwards() {
        ManualWallClock wall = new ManualWallClock(10_000);
        HybridClock clock = new HybridClock("us-east-1", wall);
        HybridTimestamp before = clock.now();
        wall.set(4_000); // NTP step back by six seconds
        HybridTimestamp after = clock.now();
        assertThat(after).isGreaterThan(before);
        assertThat(after).isEqualTo(new HybridTimestamp(10_000, 1, "us-east-1"));
        wall.set(10_001);
        assertThat(clock.now()).isEqualTo(new HybridTimestamp(10_001, 0, "us-east-1"));
    }

    @Test
    void aReadingAfterReceivingARemoteChangeIsLaterThanIt() {
        HybridClock eu = new HybridClock("eu-west-1", new ManualWallClock(1_000));
        HybridTimestamp remote = new HybridTimestamp(5_000, 3, "us-east-1"); // us clock runs ahead
        HybridTimestamp received = eu.receive(remote);
        assertThat(received).isEqualTo(new HybridTimestamp(5_000, 4, "eu-west-1"));
        assertThat(eu.now()).isGreaterThan(remote);
    }

    @Test
    void resumesAfterARestartFromTheLastTimestampIssued() {
        HybridClock clock = new HybridClock("us-east-1", new ManualWallClock(100), new HybridTimestamp(9_000, 2, "us-east-1"));
        assertThat(clock.now()).isEqualTo(new HybridTimestamp(9_000, 3, "us-east-1"));
    }

    @Test
    void borrowsAMillisecondRatherThanOverflowTheLogicalCounter() {
        HybridClock clock = new HybridClock("us-east-1", new ManualWallClock(100),
                new HybridTimestamp(500, Integer.MAX_VALUE, "us-east-1"));
        assertThat(clock.now()).isEqualTo(new HybridTimestamp(501, 0, "us-east-1"));
    }

    @Test
    void ordersByPhysicalThenLogicalThenRegion() {
        assertThat(new HybridTimestamp(2, 0, "a")).isGreaterThan(new HybridTimestamp(1, 9, "z"));
        assertThat(new HybridTimestamp(1, 2, "a")).isGreaterThan(new HybridTimestamp(1, 1, "z"));
        assertThat(new HybridTimestamp(1, 1, "us-east-1")).isGreaterThan(new HybridTimestamp(1, 1, "eu-west-1"));
    }

    /** One clock event: read the wall after moving it by {@code wallStep}, locally or on receipt. */
    record Event(int wallStep, boolean receive, long remotePhysical, int remoteLogical) {
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED)
    void readingsStrictlyIncreaseWhateverTheWallClockDoes(@ForAll("events") List<Event> events) {
        ManualWallClock wall = new ManualWallClock(1_000);
        HybridClock clock = new HybridClock("eu-west-1", wall);
        HybridTimestamp previous = clock.last();
        for (Event event : events) {
            wall.advance(event.wallStep());
            HybridTimestamp remote = new HybridTimestamp(event.remotePhysical(), event.remoteLogical(), "us-east-1");
            HybridTimestamp reading = event.receive() ? clock.receive(remote) : clock.now();
            assertThat(reading).isGreaterThan(previous);
            assertThat(reading.physicalMillis()).isGreaterThanOrEqualTo(wall.millis());
            if (event.receive()) {
                assertThat(reading).isGreaterThan(remote);
            }
            previous = reading;
        }
    }

    @Provide
    Arbitrary<List<Event>> events() {
        return Combinators.combine(
                Arbitraries.integers().between(-50, 10),
                Arbitraries.of(true, false),
                Arbitraries.longs().between(900, 1_100),
                Arbitraries.integers().between(0, 5)).as(Event::new).list().ofMaxSize(20);
    }
}
