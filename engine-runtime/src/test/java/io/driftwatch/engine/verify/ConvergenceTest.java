package io.driftwatch.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConvergenceTest {
    private static ViewVerifier.Result result(long viewRows) {
        return new ViewVerifier.Result("public.orders", "dw.orders", new TableDigest(10, 7), new TableDigest(viewRows, viewRows == 10 ? 7 : 3), null);
    }

    @Test
    void comparesAgainUntilEveryViewMatchesAndARecoveringServerIsNotADifference() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<ViewVerifier.Result> results = Convergence.await(() -> switch (calls.incrementAndGet()) {
            case 1 -> throw new SQLException("the database system is starting up");
            case 2 -> List.of(result(8));
            default -> List.of(result(10));
        }, Duration.ofSeconds(10), Duration.ofMillis(1));

        assertThat(calls).hasValue(3);
        assertThat(results).singleElement().satisfies(r -> assertThat(r.matches()).isTrue());
    }

    @Test
    void afterTheTimeoutItNamesTheLastDifference() {
        assertThatThrownBy(() -> Convergence.await(() -> List.of(result(8)), Duration.ofMillis(30), Duration.ofMillis(5)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not converge").hasMessageContaining("rows=8");
    }

    @Test
    void noResultsAtAllIsNotConvergence() {
        assertThatThrownBy(() -> Convergence.await(List::of, Duration.ofMillis(20), Duration.ofMillis(5)))
                .isInstanceOf(IllegalStateException.class);
    }
}
