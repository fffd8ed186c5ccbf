package io.driftwatch.engine.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A server process the stack started, with its log. */
public final class ChildProcess {
    private final String name;
    private final Process process;
    private final Path log;

    public ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Waits for the process to exit and returns its exit code; kills it if it takes longer. */
    public int waitFor(Duration timeout) throws IOException {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(name + " did not finish within " + timeout.toSeconds() + " s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + name, e);
        }
    }

    /**
     * Asks the process to stop with {@code signal}, waits up to {@code grace}, then kills it.
     * Returns true when it stopped within the grace period.
     */
    public boolean stop(Signal signal, Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        Signals.send(pid(), signal);
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        return false;
    }

    /** The last {@code lines} lines of the log, for error messages. */
    public String tail(int lines) {
        return LogTail.of(log, lines);
    }

    /** Reads the end of a log without loading a large file. */
    static final class LogTail {
        private LogTail() {}

        static String of(Path log, int lines) {
            try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                long length = file.length();
                long start = Math.max(0, length - 64 * 1024);
                byte[] bytes = new byte[(int) (length - start)];
                file.seek(start);
                file.readFully(bytes);
                String[] all = new String(bytes, StandardCharsets.UTF_8).split("\n");
                int from = Math.max(0, all.length - lines);
                return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
            } catch (IOException e) {
                return "(no log at " + log + ")";
            }
        }
    }
}
