package io.driftwatch.engine.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Lets through to the terminal only Driftwatch's own warnings and errors. Libraries' lines —
 * Flink's notices about tokens and web logs, Debezium's about keyless tables, a checkpoint cut
 * short by a clean stop — are expected and say nothing a person must act on; they go to the log
 * file only.
 */
public final class TerminalFilter extends Filter<ILoggingEvent> {
    static final String OWN_PREFIX = "io.driftwatch";

    /** Whether a line of {@code logger} at {@code level} belongs on the terminal. */
    public static boolean shown(String logger, Level level) {
        boolean own = logger.equals(OWN_PREFIX) || logger.startsWith(OWN_PREFIX + ".");
        return own && level.isGreaterOrEqual(Level.WARN);
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return shown(event.getLoggerName(), event.getLevel()) ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
