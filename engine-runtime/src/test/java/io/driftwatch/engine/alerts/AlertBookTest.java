package io.driftwatch.engine.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertBookTest {
    private final AlertBook book = new AlertBook("globalmart", List.of(new Rule("consumer_lag_records", 100, Duration.ofSeconds(30)),
            new Rule("oversells_open", 0, Duration.ZERO)));

    private static Condition lag(boolean holds) {
        return new Condition("consumer_lag_records", "us-east-1/orders/0", holds, holds ? 500 : 0, "the job is behind");
    }

    @Test
    void anAlertFiresOnceItsConditionHeldForTheRulesDurationAndNotAgainWhileItHolds() {
        assertThat(book.observe(List.of(lag(true)), 0)).isEmpty();
        assertThat(book.observe(List.of(lag(true)), 29_999)).isEmpty();
        List<AlertEvent> fired = book.observe(List.of(lag(true)), 30_000);
        assertThat(fired).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(AlertEvent.Status.FIRING);
            assertThat(e.sinceMs()).isZero();
            assertThat(e.subject()).isEqualTo("us-east-1/orders/0");
        });
        assertThat(book.observe(List.of(lag(true)), 60_000)).isEmpty();
        assertThat(book.firing()).extracting(AlertEvent::rule, AlertEvent::sinceMs).containsExactly(org.assertj.core.groups.Tuple.tuple("consumer_lag_records", 0L));
    }

    @Test
    void aFiringAlertResolvesWhenItsConditionStopsHoldingAndAShortBlipNeverFires() {
        book.observe(List.of(lag(true)), 0);
        book.observe(List.of(lag(true)), 30_000);

        assertThat(book.observe(List.of(lag(false)), 35_000)).singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(AlertEvent.Status.RESOLVED));
        assertThat(book.observe(List.of(lag(true)), 40_000)).isEmpty();
        assertThat(book.observe(List.of(lag(false)), 50_000)).as("held 10 s of 30: never fired, so nothing resolves").isEmpty();
        assertThat(book.firing()).isEmpty();
    }

    @Test
    void aRuleWithoutDurationFiresAtOnceAndASubjectThatDisappearsResolves() {
        Condition oversell = new Condition("oversells_open", "views", true, 2, "2 oversell(s) open");

        assertThat(book.observe(List.of(oversell), 0)).extracting(AlertEvent::status).containsExactly(AlertEvent.Status.FIRING);
        assertThat(book.observe(List.of(), 5_000)).extracting(AlertEvent::status).containsExactly(AlertEvent.Status.RESOLVED);
    }

    @Test
    void conditionsOfRulesTheBookDoesNotHaveAreIgnored() {
        assertThat(book.observe(List.of(new Condition("slot_inactive", "x", true, 1, "no reader")), 0)).isEmpty();
    }
}
