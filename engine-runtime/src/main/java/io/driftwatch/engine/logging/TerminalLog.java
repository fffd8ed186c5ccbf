package io.driftwatch.engine.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * Sends every log line of this process to a file and keeps on the terminal only Driftwatch's own
 * warnings and errors ({@link TerminalFilter}), unless {@code verbose}. Commands that run the
 * pipeline in a terminal (the demo, {@code run}, {@code stack up}) call it first, then print the
 * file's path once.
 *
 * <p>Logback's configuration is the process's own; this changes it in place rather than
 * through a second configuration file, so what {@code logback.xml} sets (levels per library)
 * still holds for the file.
 */
public final class TerminalLog {
    public static final String FILE_NAME = "driftwatch.log";

    private TerminalLog() {}

    /** Routes the logs to {@code file} (appended to, its directory created); returns it. */
    public static Path route(Path file, boolean verbose) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log file's directory " + file.getParent(), e);
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return file;
        }
        // Libraries that log through java.util.logging (JavaFX, some JDBC drivers) would print to
        // the terminal on their own; through the bridge their lines go where every library's go.
        if (!org.slf4j.bridge.SLF4JBridgeHandler.isInstalled()) {
            org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
            org.slf4j.bridge.SLF4JBridgeHandler.install();
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (!verbose) {
            for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
                Appender<ILoggingEvent> appender = it.next();
                if (appender instanceof ch.qos.logback.core.ConsoleAppender<?>) {
                    appender.addFilter(new TerminalFilter());
                }
            }
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("FILE");
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
        return file;
    }
}
