package io.driftwatch.engine.failover;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.driftwatch.engine.api.MirrorFlow;
import io.driftwatch.engine.api.ReplicationProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches MirrorMaker 2's flows and restarts MirrorMaker 2 when one stalls: every two seconds it
 * probes every mirrored topic ({@link MirrorLagProbe}), and once a flow has been stalled long
 * enough it restarts the process with a bounded back-off ({@link RestartBackoff}), recording each
 * restart. The latest judgement and the restarts are kept in a JSON file beside MirrorMaker 2's
 * configuration, where {@code driftwatch stack status} reads them.
 */
public final class MirrorSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MirrorSupervisor.class);
    private static final Duration PERIOD = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** One restart: when, what had stalled and what MirrorMaker 2 said, and how long the restart took. */
    public record Restart(Instant at, String stalled, long tookMillis) {}

    /** What the supervisor last saw and did, as written to its file. */
    public record State(Instant at, List<MirrorFlow> flows, List<Restart> restarts, boolean exhausted) {
        public State {
            flows = List.copyOf(flows);
            restarts = List.copyOf(restarts);
        }
    }

    /** Restarts MirrorMaker 2 and returns once it runs again. */
    @FunctionalInterface
    public interface Restarter {
        void restart() throws Exception;
    }

    private final ReplicationProbe probe;
    private final Restarter restarter;
    private final RestartBackoff backoff;
    private final Path stateFile;
    private final Consumer<String> progress;
    private final Clock clock;
    private final List<Restart> restarts = new ArrayList<>();
    private final Thread thread;
    private volatile State state;
    private volatile boolean running = true;

    public MirrorSupervisor(ReplicationProbe probe, Restarter restarter, RestartBackoff backoff, Path stateFile,
                            Consumer<String> progress, Clock clock) {
        this.probe = probe;
        this.restarter = restarter;
        this.backoff = backoff;
        this.stateFile = stateFile;
        this.progress = progress;
        this.clock = clock;
        this.state = new State(clock.instant(), List.of(), List.of(), false);
        this.thread = new Thread(this::watch, "driftwatch-mirror-supervisor");
        this.thread.setDaemon(true);
    }

    /** The back-off the local stack uses: 30 s of stall (a broker that just came back gets time to take its flows again), then 1, 2, 4 minutes, five restarts in a row at most. */
    public static RestartBackoff defaultBackoff() {
        return new RestartBackoff(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(4), 5);
    }

    public MirrorSupervisor start() {
        thread.start();
        return this;
    }

    /** The latest judgement of every flow and every restart so far. */
    public State state() {
        return state;
    }

    private void watch() {
        while (running) {
            try {
                check();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("MirrorMaker 2's flows could not be checked: {}", e.toString());
            }
            try {
                Thread.sleep(PERIOD.toMillis()); // also after a failed check: never a busy loop
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void check() throws InterruptedException {
        ReplicationProbe.Result result = probe.probe();
        Instant now = clock.instant();
        List<MirrorFlow> stalled = result.stalled();
        Instant stalledSince = stalled.stream().map(MirrorFlow::since).min(Comparator.naturalOrder()).orElse(null);
        boolean wasExhausted = backoff.exhausted();
        if (backoff.due(now, stalledSince)) {
            String what = String.join("; ", stalled.stream().map(MirrorFlow::describe).toList());
            progress.accept("MirrorMaker 2 " + what + " — restarting it (" + (backoff.consecutive() + 1) + " of at most "
                    + backoff.limit() + " in a row)");
            long begin = System.nanoTime();
            try {
                restarter.restart();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                progress.accept("MirrorMaker 2 could not be restarted: " + e.getMessage());
            }
            backoff.restarted(now);
            Restart restart = new Restart(now, what, Duration.ofNanos(System.nanoTime() - begin).toMillis());
            restarts.add(restart);
            progress.accept(String.format("MirrorMaker 2 restarted in %.1f s", restart.tookMillis() / 1000.0));
        } else if (backoff.exhausted() && !wasExhausted) {
            progress.accept("MirrorMaker 2 still stalls after " + backoff.limit() + " restarts; it is left as it is until the flows recover");
        }
        // Only this thread touches the restarts; readers get the immutable state.
        state = new State(now, result.flows(), restarts, backoff.exhausted());
        if (stateFile != null) {
            write(stateFile, state);
        }
    }

    /** Writes {@code s} to {@code stateFile} in one step (readers never see half a file). */
    static void write(Path stateFile, State s) {
        try {
            Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(s));
            Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("cannot record MirrorMaker 2's flows in {}: {}", stateFile, e.getMessage());
        }
    }

    /** Reads the state a supervisor wrote, if any. */
    public static java.util.Optional<State> read(Path stateFile) {
        if (!Files.isRegularFile(stateFile)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(JSON.readValue(stateFile.toFile(), State.class));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        probe.close();
    }
}
