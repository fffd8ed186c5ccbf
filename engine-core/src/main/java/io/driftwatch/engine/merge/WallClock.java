package io.driftwatch.engine.merge;

/**
 * Where physical time comes from: milliseconds since the epoch.
 *
 * <p>Why an interface: time is the only input of the merge package that is not a value, so it
 * enters through this one method. Tests pass a clock they move by hand (including backwards) and
 * never sleep.
 */
@FunctionalInterface
public interface WallClock {

    long millis();

    /** The operating system clock. */
    static WallClock system() {
        return System::currentTimeMillis;
    }
}
