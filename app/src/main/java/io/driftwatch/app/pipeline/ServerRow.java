package io.driftwatch.app.pipeline;

/** One server as the pipeline screen lists it. */
public record ServerRow(String name, String region, long pid, int port, boolean up, String data) {}
