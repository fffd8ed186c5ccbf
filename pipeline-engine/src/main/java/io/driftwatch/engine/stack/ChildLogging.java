package io.driftwatch.engine.stack;

/** Logging set-up for child JVMs: everything to stdout, which the spawner sends to the server's log file. */
final class ChildLogging {
    private ChildLogging() {}

    static String logbackToStdout(String level) {
        return """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="LEVEL"><appender-ref ref="OUT"/></root>
                </configuration>
                """.replace("LEVEL", level);
    }
}
