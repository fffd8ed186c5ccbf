package io.driftwatch.engine.api;

import java.util.List;

/**
 * Which region processes, and the operator's actions on it: fail over to another region, fail
 * back to the primary, and the figures of every move so far. Blocking calls: never on a UI thread.
 */
public interface RegionControl {

    /** Every region, primary first. */
    List<String> regions();

    String primaryRegion();

    /** The region whose Kafka cluster the processing job reads now. */
    String activeRegion();

    /** Moves processing to {@code region}; returns the move's figures once the views advance again. */
    FailoverFigures failover(String region) throws Exception;

    /** Moves processing back to the primary region; refused while its Kafka does not answer. */
    FailoverFigures failback() throws Exception;

    /** Every recorded move, oldest first, with the figures known so far. */
    List<FailoverFigures> figures();
}
