package io.driftwatch.engine.lag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PendingCommitsTest {

    @Test
    void noLagBeforeAnyCommitWasSeen() {
        PendingCommits pending = new PendingCommits();
        assertThat(pending.lagMillis(0, 10_000)).isZero();
        assertThat(pending.newest()).isZero();
    }

    @Test
    void lagIsTheAgeOfTheOldestCommitNotYetVisible() {
        PendingCommits pending = new PendingCommits();
        pending.saw(new CommitMarker(100, 1_000));
        pending.saw(new CommitMarker(200, 1_500));
        pending.saw(new CommitMarker(300, 2_000));
        assertThat(pending.lagMillis(100, 2_100)).as("100 is visible; 200 committed at 1.5 s waits").isEqualTo(600);
        assertThat(pending.newest()).isEqualTo(300);
    }

    @Test
    void lagReturnsToZeroOnceEverythingSeenIsVisibleAndStaysThereWhileIdle() {
        PendingCommits pending = new PendingCommits();
        pending.saw(new CommitMarker(100, 1_000));
        assertThat(pending.lagMillis(0, 1_400)).isEqualTo(400);
        assertThat(pending.lagMillis(100, 1_600)).isZero();
        assertThat(pending.lagMillis(100, 600_000)).as("an idle source is not a lagging pipeline").isZero();
    }

    @Test
    void aCommitSeenAgainKeepsItsFirstTime() {
        PendingCommits pending = new PendingCommits();
        pending.saw(new CommitMarker(100, 1_000));
        pending.saw(new CommitMarker(100, 1_000));
        assertThat(pending.lagMillis(50, 3_000)).isEqualTo(2_000);
    }

    @Test
    void aClockBehindTheSourceNeverGivesANegativeLag() {
        PendingCommits pending = new PendingCommits();
        pending.saw(new CommitMarker(100, 5_000));
        assertThat(pending.lagMillis(0, 4_000)).isZero();
    }

    @Test
    void rememberingIsBoundedButKeepsTheOldest() {
        PendingCommits pending = new PendingCommits();
        for (int i = 1; i <= PendingCommits.LIMIT + 50; i++) {
            pending.saw(new CommitMarker(i, i));
        }
        assertThat(pending.lagMillis(0, 20_000)).as("the oldest commit still defines the lag").isEqualTo(20_000 - 1);
        assertThat(pending.newest()).isEqualTo(PendingCommits.LIMIT + 50);
    }
}
