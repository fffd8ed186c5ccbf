package io.driftwatch.app.lag;

import java.util.List;

/**
 * One line of a lag chart: a name and its points, oldest first.
 *
 * @param points x = seconds relative to the newest probe (≤ 0), y = the value in the stage's chart unit
 */
public record LagSeries(String name, List<Point> points) {
    public LagSeries {
        points = List.copyOf(points);
    }

    public record Point(double secondsAgo, double value) {}
}
