package io.driftwatch.engine.merge;

/** A wall clock the test moves by hand, backwards too. */
final class ManualWallClock implements WallClock {
    private long now;

    ManualWallClock(long start) {
        this.now = start;
    }

    @Override
    public long millis() {
        return now;
    }

    void set(long millis) {
        now = millis;
    }

    void advance(long millis) {
        now = Math.max(0, now + millis);
    }
}
