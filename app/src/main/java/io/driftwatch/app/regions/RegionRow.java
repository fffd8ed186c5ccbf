package io.driftwatch.app.regions;

/**
 * One region as the regions screen shows it.
 *
 * @param postgresUp null when the stack has no such server
 * @param kafkaUp    null when the stack has no such server
 */
public record RegionRow(String region, boolean primary, boolean active, Boolean postgresUp, Boolean kafkaUp) {

    /** Both of its servers answer. */
    public boolean up() {
        return Boolean.TRUE.equals(postgresUp) && Boolean.TRUE.equals(kafkaUp);
    }

    /** The region's role in a few words. */
    public String role() {
        return (primary ? "primary" : "secondary") + (active ? ", processing here" : ", standby");
    }
}
