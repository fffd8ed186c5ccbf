package io.driftwatch.engine.cli;

import io.driftwatch.engine.capture.CapturePlan;
import io.driftwatch.engine.capture.CaptureService;
import io.driftwatch.engine.capture.CaptureSettings;
import io.driftwatch.engine.capture.CaptureStatus;
import io.driftwatch.engine.capture.TableState;
import io.driftwatch.engine.config.ConfigLoader;
import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.gateway.SqlGateway;
import io.driftwatch.engine.metrics.EngineMetrics;
import io.driftwatch.engine.process.ClickHouseSettings;
import io.driftwatch.engine.cluster.CheckpointLocator;
import io.driftwatch.engine.process.JobSettings;
import io.driftwatch.engine.process.PipelineJob;
import io.driftwatch.engine.process.ProcessPlan;
import io.driftwatch.engine.service.EngineStatus;
import io.driftwatch.engine.service.StatusFormat;
import io.driftwatch.engine.service.StatusTopic;
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

    @picocli.CommandLine.Mixin
    LocalStackOption stack;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "With --local: prefix of every topic (default: globalmart).")
    String topicPrefix;

    @Option(names = "--snapshot-mode", paramLabel = "MODE", description = "With --local: Debezium's snapshot mode: initial (default) "
            + "snapshots existing rows first, no_data streams only new changes.")
    String snapshotMode;

    @Option(names = "--no-process", description = "Capture only; do not run the processing job.")
    boolean noProcess;

    @Option(names = "--no-capture", description = "Run only the processing job (capture runs elsewhere).")
    boolean noCapture;

    @Option(names = "--parallelism", defaultValue = "1", description = "With --local: parallelism of the processing job (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--checkpoint-interval", paramLabel = "MS", defaultValue = "5000",
            description = "With --local: milliseconds between exactly-once checkpoints (default: ${DEFAULT-VALUE}).")
    long checkpointInterval;

    @Option(names = "--visibility", defaultValue = "TRANSACTION",
            description = "With --local: when the views advance: TRANSACTION (as each is written) or CHECKPOINT (at checkpoint completion).")
    JobSettings.Visibility visibility;

    @Option(names = "--rest-port", defaultValue = "0", description = "With --local: port of Flink's REST API and web UI (default: a free port).")
    int restPort;

    @Option(names = "--status-interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between status lines (default: ${DEFAULT-VALUE}).")
    int statusInterval;

    @Option(names = "--sql-port", paramLabel = "PORT", defaultValue = "0",
            description = "With --local: port of the SQL gateway, ClickHouse's HTTP interface with one cut per query (default: a free port).")
    int sqlPort;

    @Option(names = "--metrics-port", paramLabel = "PORT", description = "With --local: serve metrics for Prometheus on this loopback port "
            + "(0: any free port; default: none). With --config: the file's 'metrics' section.")
    Integer metricsPort;

    @Option(names = "--log", paramLabel = "FILE", description = "Where the libraries' log lines go (default: the stack directory's "
            + "driftwatch.log with --local, ~/.driftwatch/run-NAME.log with --config NAME.yaml).")
    Path logOption;

    @Option(names = "--owner-pid", hidden = true, defaultValue = "-1",
            description = "Stop when this process ends (the demo that started this engine, even if it is killed).")
    long ownerPid;

    @Option(names = "--verbose", description = "Also show the libraries' log lines here (they always go to the log file).")
    boolean verbose;

    private org.apache.flink.core.execution.JobClient job;
    /** The failover controller, with a 'failover' section and two or more regions; null otherwise. */
    private volatile io.driftwatch.engine.failover.RegionFailover failover;
    private JobSettings jobSettings;
    private String restoredFrom;
    private String gatewayUrl;
    /** Where the job's REST API listens, and the host the engine's reports give for it (processing.restBind, restAdvertise). */
    private String restBind = "127.0.0.1";
    private String restHost = "127.0.0.1";
    /** The alerts firing, as the pipeline reader last evaluated them; reported on the status topic. */
    private volatile List<EngineStatus.Alert> firing = List.of();

    /** With --local, the pipeline config the demo left in the stack directory, when {@code run} runs that pipeline; else null. */
    private Path stackPipeline;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path demoPipeline = source.local ? stack.resolve().resolve(io.driftwatch.engine.demo.LocalPipeline.CONFIG_FILE) : null;
        if (demoPipeline != null && topicPrefix == null && java.nio.file.Files.isRegularFile(demoPipeline)) {
            // The demo's pipeline owns this stack's topics, views and checkpoints: run that one, not a one-region variant
            // whose job graph and views would not fit what it left.
            stackPipeline = demoPipeline;
            source.config = demoPipeline;
            refreshDemoPipeline(demoPipeline);
        }
        if (ownerPid > 0) {
            watchOwner(out);
        }
        java.nio.file.Path log = io.driftwatch.engine.logging.TerminalLog.route(logFile(), verbose);
        out.println("log: " + log);
        if (stackPipeline != null) {
            out.println("running the demo's pipeline of this stack as " + stackPipeline + " describes it (two regions, merging, "
                    + "failover; the options for --local's own pipeline do not apply)");
        }
        List<CaptureSettings> plan = plan();
        List<CaptureService> captures = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            captures.forEach(CaptureService::close);
            stopped.countDown();
        }, "driftwatch-run-stop"));
        if (!noCapture) {
            for (CaptureSettings settings : plan) {
                out.println("capturing " + settings.region() + ": " + settings);
                CaptureService capture = new CaptureService(settings);
                captures.add(capture);
                capture.start();
            }
        }
        if (!noProcess) {
            startProcessing(out);
            if (!captures.isEmpty()) {
                watchEmptyTables(out, plan);
            }
        }
        out.flush();
        long started = System.currentTimeMillis();
        String prefix = topicPrefix();
        StatusTopic.Publisher status = new StatusTopic.Publisher(prefix, pipeline(prefix).endpoints());
        Runtime.getRuntime().addShutdownHook(new Thread(status::close, "driftwatch-status-stop"));
        out.println("publishing the engine's status every " + statusInterval + " s to " + StatusTopic.name(prefix) + " in every region");
        EngineMetrics metrics = startWatching(out, prefix);
        startCommands(out, prefix, status, noCapture ? List.of() : plan);
        do {
            for (CaptureService capture : captures) {
                out.println(line(capture.status()));
            }
            EngineStatus report = report(prefix, started, captures);
            status.publish(report);
            if (metrics != null) {
                metrics.update(report);
            }
            status.undelivered().forEach((region, error) -> out.println("status report to " + region + " not delivered: " + error));
            out.flush();
        } while (!stopped.await(statusInterval, TimeUnit.SECONDS));
        return 0;
    }

    /** Gives every captured table its view before its first row (capture's catalog read every status interval). */
    private void watchEmptyTables(PrintWriter out, List<CaptureSettings> plan) {
        io.driftwatch.engine.process.ClickHouseSettings ch = jobSettings.clickhouse();
        io.driftwatch.engine.capture.EmptyTableWatch watch = io.driftwatch.engine.capture.EmptyTableWatch.start(plan,
                new io.driftwatch.engine.sink.ClickHouseHttp(ch.url(), ch.user(), ch.password()), ch.database(), ch.regions(),
                jobSettings.merge() == null ? java.util.Set.of() : jobSettings.merge().tables(), java.time.Duration.ofSeconds(statusInterval),
                line -> {
                    synchronized (out) {
                        out.println(line);
                        out.flush();
                    }
                });
        Runtime.getRuntime().addShutdownHook(new Thread(watch::close, "driftwatch-empty-table-views-stop"));
    }

    /**
     * Writes the demo's pipeline config again with the running stack's endpoints (the same merge
     * and outbox), so the file names the servers as they run now.
     */
    private void refreshDemoPipeline(Path file) throws java.io.IOException {
        PipelineConfig left = new ConfigLoader().load(file);
        io.driftwatch.engine.api.StackEndpoints now = localManifest().endpoints();
        if (now.regionNames().size() < left.regions().size()) {
            throw new IllegalStateException("the demo's pipeline in " + file + " has " + left.regions().size() + " regions, the stack running in "
                    + stack.resolve() + " " + now.regionNames().size() + ": start it with 'driftwatch stack up --dir " + stack.resolve()
                    + " --regions " + left.regions().size() + "'");
        }
        java.nio.file.Files.writeString(file, io.driftwatch.engine.stack.StackPipelineConfig.yaml(io.driftwatch.engine.stack.StackPipelineConfig.of(
                now, stack.resolve(), left.capture().topicPrefix(), left.merge(), left.capture().outboxTable())));
    }

    /**
     * Reads the pipeline's systems every few seconds on its own thread when the config asks for
     * metrics (a 'metrics' section, or --metrics-port with --local) or alerts (an 'alerts'
     * section): each reading feeds the metrics endpoint and the alert rules, whose firing and
     * resolved alerts go to the webhooks and to this terminal. Returns the metrics, or null.
     */
    private EngineMetrics startWatching(PrintWriter out, String prefix) throws java.io.IOException {
        PipelineConfig.MetricsConfig where;
        PipelineConfig.AlertsConfig alerts = null;
        if (source.config != null) {
            PipelineConfig config = new ConfigLoader().load(source.config);
            where = config.metrics();
            alerts = config.alerts();
        } else {
            where = metricsPort == null ? null : new PipelineConfig.MetricsConfig("127.0.0.1", metricsPort);
        }
        io.driftwatch.engine.api.AttachedPipeline pipeline = pipeline(prefix);
        io.driftwatch.engine.api.StackEndpoints endpoints = pipeline.endpoints();
        String database = pipeline.viewDatabase();
        if (where == null && alerts == null) {
            return null;
        }
        EngineMetrics metrics = where == null ? null : new EngineMetrics().serve(where.bind(), where.port());
        java.util.function.Consumer<String> say = line -> {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        };
        io.driftwatch.engine.alerting.AlertSettings alertSettings = alerts == null ? null : io.driftwatch.engine.alerting.AlertSettings.of(alerts);
        io.driftwatch.engine.alerts.AlertBook book = alertSettings == null ? null
                : new io.driftwatch.engine.alerts.AlertBook(prefix, alertSettings.rules().values());
        io.driftwatch.engine.alerting.Webhooks webhooks = alertSettings == null ? null
                : new io.driftwatch.engine.alerting.Webhooks(alertSettings.webhooks(), say);
        java.util.concurrent.ScheduledExecutorService reader = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "driftwatch-pipeline-reader");
            t.setDaemon(true);
            return t;
        });
        reader.scheduleWithFixedDelay(() -> {
            try {
                io.driftwatch.engine.service.PipelineReport report = io.driftwatch.engine.service.PipelineReport.read(endpoints, prefix, database,
                        java.time.Clock.systemUTC());
                if (metrics != null) {
                    metrics.update(report);
                }
                if (book != null) {
                    for (io.driftwatch.engine.alerts.AlertEvent event : book.observe(
                            io.driftwatch.engine.alerts.AlertRules.evaluate(report, alertSettings.rules()), System.currentTimeMillis())) {
                        say.accept("ALERT " + event.status().name().toLowerCase() + " " + event.rule() + ": " + event.summary());
                        webhooks.deliver(event);
                    }
                    firing = book.firing().stream().map(a -> new EngineStatus.Alert(a.rule(), a.subject(), a.summary(), a.sinceMs())).toList();
                }
            } catch (RuntimeException e) {
                say.accept("could not read the pipeline's systems: " + e.getMessage());
            }
        }, 0, PIPELINE_READ_SECONDS, TimeUnit.SECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            reader.shutdownNow();
            if (metrics != null) {
                metrics.close();
            }
            if (webhooks != null) {
                webhooks.close();
            }
        }, "driftwatch-pipeline-reader-stop"));
        if (metrics != null) {
            out.println("metrics for Prometheus at http://" + where.bind() + ":" + metrics.port() + "/metrics");
        }
        if (alertSettings != null) {
            out.println("alerting: " + alertSettings.rules().size() + " rule(s), to " + (alertSettings.webhooks().isEmpty() ? "this terminal only"
                    : alertSettings.webhooks().stream().map(io.driftwatch.engine.alerting.Webhooks.Target::shown).toList()));
        }
        return metrics;
    }

    /** How often the pipeline's systems are read for the metrics and the alert rules. */
    private static final int PIPELINE_READ_SECONDS = 5;

    /** Carries out the commands operators write to the command topic, acknowledging each on the status topic. */
    private void startCommands(PrintWriter out, String prefix, StatusTopic.Publisher status, List<CaptureSettings> captured) {
        io.driftwatch.engine.api.AttachedPipeline pipeline = pipeline(prefix);
        io.driftwatch.engine.api.StackEndpoints endpoints = pipeline.endpoints();
        String engine = engineId();
        java.util.function.Supplier<io.driftwatch.engine.api.ConflictDesk> desk = pipeline.hasViews() ? pipeline::conflictDesk : null;
        io.driftwatch.engine.service.CommandTopic.Handler commands = new io.driftwatch.engine.service.CommandTopic.Handler(endpoints, prefix,
                engine, new io.driftwatch.engine.service.CommandExecutor(engine, desk, java.time.InstantSource.system(), captured, failover), status::acknowledge,
                line -> {
                    synchronized (out) {
                        out.println(line);
                        out.flush();
                    }
                }).start();
        Runtime.getRuntime().addShutdownHook(new Thread(commands::close, "driftwatch-commands-stop"));
        out.println("taking commands from " + io.driftwatch.engine.service.CommandTopic.name(prefix) + " in every region");
    }

    /** This engine's report for the status topic: its captures, its job, its gateway. */
    private EngineStatus report(String prefix, long started, List<CaptureService> captures) {
        List<EngineStatus.RegionCapture> regions = new ArrayList<>();
        for (CaptureService capture : captures) {
            CaptureStatus s = capture.status();
            regions.add(new EngineStatus.RegionCapture(s.region(), s.state().name().toLowerCase(), s.records(), s.restarts(),
                    s.state() == io.driftwatch.engine.capture.CaptureState.RUNNING ? null : s.lastError(),
                    s.millisBehindSource() < 0 ? null : s.millisBehindSource()));
        }
        org.apache.flink.core.execution.JobClient job = job();
        EngineStatus.Job jobStatus;
        if (job == null) {
            jobStatus = new EngineStatus.Job("NONE", null, null, null, null);
        } else {
            String state;
            try {
                state = job.getJobStatus().get(5, TimeUnit.SECONDS).name();
            } catch (Exception e) {
                state = "UNKNOWN";
            }
            // Reported as other machines reach it; read here on loopback, where it always listens.
            String rest = "http://" + restHost + ":" + jobSettings.restPort();
            jobStatus = new EngineStatus.Job(state, rest, jobSettings.checkpointDir(), jobSettings.visibility().name().toLowerCase(),
                    restoredFrom, checkpoints("http://127.0.0.1:" + jobSettings.restPort(), job));
        }
        return new EngineStatus(StatusFormat.VERSION, engineId(), prefix, StatusFormat.engineVersion(), started, System.currentTimeMillis(),
                statusInterval * 1000L, regions, jobStatus, failover == null ? null : failover.activeRegion(), gatewayUrl, firing, controller());
    }

    /** The failover controller's state for the report, or null without one; its moves are counted from the views' database. */
    private EngineStatus.Controller controller() {
        io.driftwatch.engine.failover.RegionFailover f = failover;
        if (f == null) {
            return null;
        }
        int moves;
        try {
            moves = f.figures().size();
        } catch (RuntimeException e) {
            moves = -1;
        }
        return new EngineStatus.Controller(f.primaryRegion(), f.detectionTimeout().toMillis(), f.movingSinceMs(), moves);
    }

    /** The job's checkpoint figures from its Flink REST API, or null when it does not answer (the report goes out without them). */
    private EngineStatus.Checkpoints checkpoints(String rest, org.apache.flink.core.execution.JobClient job) {
        try {
            io.driftwatch.engine.api.FlinkJobs flink = new io.driftwatch.engine.cluster.FlinkClusterClient(rest);
            String id = job.getJobID().toHexString();
            io.driftwatch.engine.api.FlinkJobs.Checkpoints c = flink.checkpoints(id);
            return new EngineStatus.Checkpoints(c.completed(), c.failed(), c.lastCompletedAt() == null ? -1 : c.lastCompletedAt().toEpochMilli(),
                    c.lastDurationMs(), flink.restarts(id));
        } catch (RuntimeException e) {
            // Flink's REST API answers once the job's cluster is up; until then the report has no figures
            return null;
        }
    }

    private static String engineId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid();
    }

    /** An engine the demo started lives as long as the demo: when it ends, even by SIGKILL, this one stops cleanly. */
    private void watchOwner(PrintWriter out) {
        Thread watcher = new Thread(() -> {
            while (ProcessHandle.of(ownerPid).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            out.println("the process that started this engine (pid " + ownerPid + ") has ended; stopping");
            out.flush();
            System.exit(0);
        }, "driftwatch-owner-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private String topicPrefix() {
        if (source.config != null) {
            return new ConfigLoader().load(source.config).capture().topicPrefix();
        }
        return topicPrefix == null ? "globalmart" : topicPrefix;
    }

    /** The pipeline this engine runs: the config's servers (secrets resolved), or the local stack's. */
    private io.driftwatch.engine.api.AttachedPipeline pipeline(String prefix) {
        if (source.config != null) {
            return io.driftwatch.engine.service.ConfiguredPipeline.read(source.config, false);
        }
        return new io.driftwatch.engine.service.ConfiguredPipeline(localManifest().endpoints(), prefix, "dw_" + prefix);
    }

    private void startProcessing(PrintWriter out) throws Exception {
        JobSettings job;
        if (source.config != null) {
            PipelineConfig config = new ConfigLoader().load(source.config);
            if (config.merge() != null && !noCapture) {
                out.println("waiting for the merged tables' schemas (registered by capture's first snapshot)");
                out.flush();
            }
            job = ProcessPlan.fromConfig(config, noCapture ? java.time.Duration.ZERO : java.time.Duration.ofMinutes(3));
        } else {
            job = io.driftwatch.engine.cluster.StackJobSettings.of(localManifest().endpoints(), topicPrefix == null ? "globalmart" : topicPrefix, parallelism,
                    java.time.Duration.ofMillis(checkpointInterval), visibility, restPort, null);
        }
        if (job.restPort() == 0) {
            job = job.withRestPort(io.driftwatch.engine.stack.PortAllocator.freeLoopbackPort());
        }
        PipelineConfig.GatewayConfig gateway = gatewayConfig();
        if (gateway != null) {
            ClickHouseSettings ch = job.clickhouse();
            SqlGateway sql = new SqlGateway(gateway.bind(), gateway.port(), ch.url(), ch.user(), ch.password(), ch.database(),
                    SqlGateway.DEFAULT_PERIOD).start();
            Runtime.getRuntime().addShutdownHook(new Thread(sql::close, "driftwatch-sql-gateway-stop"));
            job = job.withClickHouse(ch.withGatewayKeepingTheCut());
            gatewayUrl = sql.url();
            out.println("SQL gateway at " + sql.url() + ": ClickHouse's HTTP interface for " + ch.database()
                    + ", where every query reads all views at one cut");
        }
        String restore = CheckpointLocator.latest(job).orElse(null);
        out.println(restore == null ? "processing from the start of the capture topics" : "processing resumes from checkpoint " + restore);
        PipelineConfig.FailoverConfig failoverConfig = source.config == null ? null : new ConfigLoader().load(source.config).failover();
        if (source.config != null) {
            PipelineConfig.ProcessingConfig processing = new ConfigLoader().load(source.config).processing();
            restBind = processing.restBind();
            restHost = processing.restHost();
        }
        if (failoverConfig != null) {
            startController(out, job, restore, failoverConfig);
        } else {
            this.job = PipelineJob.startLocal(job, restore, restBind);
        }
        this.jobSettings = job;
        this.restoredFrom = restore;
        out.println("processing job running (visibility " + job.visibility().name().toLowerCase() + "); Flink REST API and web UI at "
                + "http://" + restHost + ":" + job.restPort() + (restBind.equals("127.0.0.1") ? "" : " (listening on " + restBind + ")"));
    }

    /**
     * Runs the job under the failover controller: in the region the newest recorded move left it
     * in (else the primary), reading that region's cluster — its own topics and MirrorMaker 2's
     * copies of the others' —, moving on its own when that cluster stops answering (unless the
     * detection timeout is 0) and on the operators' commands.
     */
    private void startController(PrintWriter out, JobSettings job, String restore, PipelineConfig.FailoverConfig config) throws Exception {
        PipelineConfig pipelineConfig = new ConfigLoader().load(source.config);
        io.driftwatch.engine.api.StackEndpoints endpoints = io.driftwatch.engine.service.PipelineEndpoints.of(pipelineConfig);
        String primary = config.primaryOf(pipelineConfig.regions());
        java.util.Map<String, io.driftwatch.engine.failover.RegionSource> sources = new java.util.LinkedHashMap<>();
        for (CaptureSettings capture : CapturePlan.fromConfig(pipelineConfig)) {
            sources.put(capture.region(), new io.driftwatch.engine.failover.RegionSource(capture.region(),
                    endpoints.region(capture.region()).postgres(), capture.slotName()));
        }
        io.driftwatch.engine.sink.ClickHouseHttp views = new io.driftwatch.engine.sink.ClickHouseHttp(endpoints.clickhouse().url(),
                endpoints.clickhouse().user(), endpoints.clickhouse().password());
        String startIn = new io.driftwatch.engine.failover.FailoverLog(views, job.clickhouse().database()).activeRegion().orElse(primary);
        java.util.function.Consumer<String> say = line -> {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        };
        String bind = restBind;
        failover = io.driftwatch.engine.failover.RegionFailover.start(job, (settings, from) -> PipelineJob.startLocal(settings, from, bind),
                primary, startIn, sources,
                endpoints.clickhouse(), java.time.Duration.ofMillis(config.detectionTimeoutMs()), restore, say);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                failover.close();
            } catch (Exception e) {
                // stopping anyway
            }
        }, "driftwatch-failover-stop"));
        out.println("failover controller: processing runs in " + startIn + (startIn.equals(primary) ? " (the primary)" : " (primary " + primary
                + ", where the last recorded move left it)") + ", " + (config.detectionTimeoutMs() == 0 ? "moving only on a command"
                : "moving on its own after " + config.detectionTimeoutMs() + " ms without its Kafka, and on a command"));
    }

    /** The job running now: the controller's (it replaces the job at every move), or the one started here. */
    private org.apache.flink.core.execution.JobClient job() {
        return failover != null ? failover.job() : job;
    }


    /** The gateway of the config file; with --local, one on a free loopback port (or --sql-port). */
    private PipelineConfig.GatewayConfig gatewayConfig() {
        if (source.config != null) {
            PipelineConfig config = new ConfigLoader().load(source.config);
            return config.processing().clickhouse().gateway();
        }
        return new PipelineConfig.GatewayConfig("127.0.0.1", sqlPort);
    }

    /** The stack directory's log with --local; with --config, one per config file under ~/.driftwatch. */
    private Path logFile() {
        if (logOption != null) {
            return logOption.toAbsolutePath();
        }
        if (source.config == null || stackPipeline != null) {
            return stack.resolve().resolve(io.driftwatch.engine.logging.TerminalLog.FILE_NAME);
        }
        String name = source.config.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return io.driftwatch.engine.stack.StackConfig.defaultDir().resolveSibling("run-" + name + ".log");
    }

    private StackManifest localManifest() {
        return stack.readyManifest();
    }

    private List<CaptureSettings> plan() {
        if (source.config != null) {
            if (stackPipeline == null && (stack.given() || topicPrefix != null)) {
                throw new IllegalArgumentException("--dir and --topic-prefix go with --local; with --config set them in the file");
            }
            PipelineConfig config = new ConfigLoader().load(source.config);
            if (config.schemas() != null) {
                io.driftwatch.engine.subjects.SchemaLevels.apply(new io.driftwatch.engine.registry.SchemaRegistryClient(io.driftwatch.engine.config.ConfigLoader.registryUrl(config.registry())),
                        config.schemas(), spec.commandLine().getOut());
            }
            return CapturePlan.fromConfig(config);
        }
        StackManifest manifest = localManifest();
        PipelineConfig.CaptureConfig capture = new PipelineConfig.CaptureConfig(topicPrefix, null, null, null, null, snapshotMode, null);
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
