package io.driftwatch.app.pipeline;

/**
 * One stage of one region as the topology shows it.
 *
 * @param rate   the stage's throughput for people ({@code 42 tx/s}), or a word when there is none
 * @param detail one short line of what else the source says (WAL rate, lag, backpressure, why idle)
 */
public record StageTile(String region, Stage stage, Health health, String rate, String detail) {}
