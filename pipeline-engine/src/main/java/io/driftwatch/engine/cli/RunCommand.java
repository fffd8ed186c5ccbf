package io.driftwatch.engine.cli;

import io.driftwatch.engine.capture.CapturePlan;
import io.driftwatch.engine.capture.CaptureService;
import io.driftwatch.engine.capture.CaptureSettings;
import io.driftwatch.engine.capture.CaptureStatus;
import io.driftwatch.engine.capture.TableState;
import io.driftwatch.engine.config.ConfigLoader;
import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.stack.StackConfig;
import io.driftwatch.engine.stack.StackException;
import io.driftwatch.engine.stack.StackManifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code driftwatch run}: runs the pipeline for the configured regions until interrupted. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the pipeline (capture for every configured region) until Ctrl-C, printing a status line every few seconds.")
final class RunCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (see docs/CONFIG.md).")
        Path config;

        @Option(names = "--local", description = "Use the running local stack's endpoints; capture every table in schema public.")
        boolean local;
    }

    @Option(names = "--dir", paramLabel = "DIR", description = "With --local: the stack directory (default: ~/.driftwatch/stack).")
    Path dir;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "With --local: prefix of every topic (default: globalmart).")
    String topicPrefix;

    @Option(names = "--status-interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between status lines (default: ${DEFAULT-VALUE}).")
    int statusInterval;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<CaptureSettings> plan = plan();
        List<CaptureService> captures = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            captures.forEach(CaptureService::close);
            stopped.countDown();
        }, "driftwatch-run-stop"));
        for (CaptureSettings settings : plan) {
            out.println("capturing " + settings.region() + ": " + settings);
            CaptureService capture = new CaptureService(settings);
            captures.add(capture);
            capture.start();
        }
        out.flush();
        while (!stopped.await(statusInterval, TimeUnit.SECONDS)) {
            for (CaptureService capture : captures) {
                out.println(line(capture.status()));
            }
            out.flush();
        }
        return 0;
    }

    private List<CaptureSettings> plan() {
        if (source.config != null) {
            if (dir != null || topicPrefix != null) {
                throw new IllegalArgumentException("--dir and --topic-prefix go with --local; with --config set them in the file");
            }
            return CapturePlan.fromConfig(new ConfigLoader().load(source.config));
        }
        Path stackDir = (dir != null ? dir : StackConfig.defaultDir()).toAbsolutePath().normalize();
        StackManifest manifest = StackManifest.read(stackDir)
                .filter(m -> m.state() == StackManifest.State.READY)
                .orElseThrow(() -> new StackException("no running local stack in " + stackDir + "; start one with 'driftwatch stack up'"));
        PipelineConfig.CaptureConfig capture = new PipelineConfig.CaptureConfig(topicPrefix, null, null, null, null, null, null);
        return CapturePlan.fromLocalStack(manifest.endpoints(), capture);
    }

    static String line(CaptureStatus status) {
        StringBuilder b = new StringBuilder(String.format("%s capture %s: %d change(s)", status.region(),
                status.state().name().toLowerCase(), status.records()));
        if (status.restarts() > 0) {
            b.append(", ").append(status.restarts()).append(" restart(s)");
        }
        if (status.lastError() != null && status.state() != io.driftwatch.engine.capture.CaptureState.RUNNING) {
            b.append(", last error: ").append(status.lastError());
        }
        for (TableState table : status.tables()) {
            if (table.status() == TableState.Status.BLOCKED) {
                b.append("\n  BLOCKED ").append(table.topic()).append(": ").append(table.reason());
            }
        }
        return b.toString();
    }
}
