package io.driftwatch.engine.cli;

import io.driftwatch.engine.api.ByteSize;
import io.driftwatch.engine.api.ServerStatus;
import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.stack.DetachedStack;
import io.driftwatch.engine.stack.LocalStack;
import io.driftwatch.engine.stack.Signals;
import io.driftwatch.engine.stack.StackConfig;
import io.driftwatch.engine.stack.StackManifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code driftwatch stack up|status|down}: the local servers the pipeline runs on. */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "Start, inspect and stop the local stack: PostgreSQL and Kafka per region, the Schema Registry, "
                + "ClickHouse and an S3-compatible store, on free loopback ports.",
        subcommands = {StackCommand.Up.class, StackCommand.Status.class, StackCommand.Config.class, StackCommand.Down.class})
final class StackCommand {

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Start every server, wait until each answers a real probe, print the endpoints and return, "
                    + "leaving them running. Running it again on a running stack just prints the endpoints.")
    static final class Up implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin DirMixin dir;

        @Option(names = "--regions", description = "Number of regions, 1 or 2 (default: as many as the directory holds data for, "
                + "else 1).")
        Integer given;

        int regions;

        @Option(names = "--json", description = "Print the endpoints as one JSON object.")
        boolean json;

        @Option(names = "--flink-cluster", description = "Also start a standalone Flink session cluster (a JobManager and two "
                + "TaskManagers with 2 slots each, checkpointing to the S3-compatible store) to submit the job to with 'driftwatch job'.")
        boolean flinkCluster;

        @Option(names = "--secure", description = "Kafka with SCRAM over TLS and ACLs, a registry login, and least-privilege users for "
                + "consoles (docs/CONFIG.md, \"console\"); a stack once secured stays so.")
        boolean secure;

        @Option(names = "--foreground", description = "Run the stack in this process until interrupted (Ctrl-C stops it).")
        boolean foreground;

        @Option(names = "--owner-pid", hidden = true, defaultValue = "-1",
                description = "Stop everything if this process dies before the stack is ready.")
        long ownerPid;

        @Override
        public Integer call() throws Exception {
            regions = given != null ? given : StackConfig.regionsIn(dir.resolve(), 1);
            if (regions < 1 || regions > 2) {
                throw new IllegalArgumentException("--regions must be 1 or 2, was " + regions);
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (foreground) {
                return runForeground(out, err);
            }
            StackManifest manifest = new DetachedStack(dir.resolve()).up(regions, flinkCluster, secure, line -> err.println(line));
            out.println(json ? StackManifest.toJson(manifest.endpoints()) : Printing.endpoints(manifest.endpoints()));
            out.flush();
            return 0;
        }

        private int runForeground(PrintWriter out, PrintWriter err) throws InterruptedException {
            if (ownerPid > 0) {
                watchOwner();
            }
            StackConfig config = StackConfig.of(dir.resolve(), regions).withFlinkCluster(flinkCluster);
            LocalStack stack = LocalStack.start(secure ? config.withSecurity(true) : config, line -> {
                err.println(line);
                err.flush();
            });
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.close();
                stopped.countDown();
            }, "driftwatch-stack-stop"));
            out.println(json ? StackManifest.toJson(stack.endpoints()) : Printing.endpoints(stack.endpoints()));
            out.flush();
            stopped.await();
            return 0;
        }

        /** While the stack starts, exit (stopping every server) if the launching command dies. */
        private void watchOwner() {
            Thread watcher = new Thread(() -> {
                Path d = dir.resolve();
                while (true) {
                    boolean ready = StackManifest.read(d).map(m -> m.state() == StackManifest.State.READY
                            && m.ownerPid() == ProcessHandle.current().pid()).orElse(false);
                    if (ready) {
                        return;
                    }
                    if (!Signals.isAlive(ownerPid)) {
                        System.err.println("the command that started this stack exited before it was ready; stopping");
                        System.exit(3);
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "driftwatch-owner-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Report each server of the stack: pid, port, up or down, data size.")
    static final class Status implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin DirMixin dir;

        @Option(names = "--json", description = "Print the status as JSON.")
        boolean json;

        @Override
        public Integer call() {
            List<ServerStatus> status = new DetachedStack(dir.resolve()).status();
            PrintWriter out = spec.commandLine().getOut();
            out.println(json ? StackManifest.toJson(status) : Printing.status(status));
            java.util.Optional<io.driftwatch.engine.failover.MirrorSupervisor.State> flows =
                    io.driftwatch.engine.failover.MirrorSupervisor.read(io.driftwatch.engine.stack.LocalStack.mirrorFlowsFile(dir.resolve()));
            if (!json && flows.isPresent()) {
                out.println(Printing.mirrorFlows(flows.get()));
            }
            out.flush();
            boolean stalled = flows.map(f -> f.flows().stream().anyMatch(io.driftwatch.engine.api.MirrorFlow::stalled)).orElse(false);
            return status.stream().allMatch(ServerStatus::up) && !stalled ? 0 : 1;
        }
    }

    @Command(name = "config", mixinStandardHelpOptions = true,
            description = {"Print a pipeline config (docs/CONFIG.md) for the running local stack, for 'run --config', 'status --config'"
                    + " and the console's --config. Secrets go to files under DIR/secrets (mode 600), referenced by the config."})
    static final class Config implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin LocalStackOption stack;

        @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "globalmart",
                description = "Prefix of every topic (default: ${DEFAULT-VALUE}).")
        String prefix;

        @Option(names = "--demo", description = "Add GlobalMart's merge section and outbox table (what the demo runs).")
        boolean demo;

        @Override
        public Integer call() {
            // A secured stack: the engine's listeners and users, the console section, and the console's ACLs for this prefix.
            java.util.Optional<io.driftwatch.engine.stack.StackUsers> users = io.driftwatch.engine.stack.StackUsers.of(stack.resolve());
            users.ifPresent(u -> io.driftwatch.engine.stack.StackUsers.grantConsole(stack.endpoints(), prefix, true));
            io.driftwatch.engine.config.PipelineConfig config = io.driftwatch.engine.stack.StackPipelineConfig.of(stack.endpoints(),
                    stack.resolve(), prefix, demo ? io.driftwatch.engine.demo.LocalPipeline.MERGE : null, demo ? "public.outbox" : null,
                    users.orElse(null));
            spec.commandLine().getOut().print(io.driftwatch.engine.stack.StackPipelineConfig.yaml(config));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Stop every server of the stack cleanly; the data stays for the next 'stack up'.")
    static final class Down implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin DirMixin dir;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            List<String> killed = new DetachedStack(dir.resolve()).down(line -> {
                err.println(line);
                err.flush();
            });
            if (!killed.isEmpty()) {
                err.println("had to kill: " + String.join(", ", killed));
            }
            spec.commandLine().getOut().println("stack in " + dir.resolve() + " stopped");
            return 0;
        }
    }

    /** The {@code --dir} option shared by every stack command. */
    static final class DirMixin {
        @Option(names = "--dir", paramLabel = "DIR", description = "Stack directory (default: ~/.driftwatch/stack).")
        Path dir;

        Path resolve() {
            return (dir != null ? dir : StackConfig.defaultDir()).toAbsolutePath().normalize();
        }
    }

    private StackCommand() {}

    /** Plain-text renderings for people. */
    static final class Printing {
        private Printing() {}

        static String endpoints(StackEndpoints e) {
            StringBuilder b = new StringBuilder();
            for (String region : e.regionNames()) {
                StackEndpoints.RegionEndpoints r = e.region(region);
                b.append(String.format("%-10s postgres   %s (user %s)%n", region, r.postgres().jdbcUrl(), r.postgres().user()));
                b.append(String.format("%-10s kafka      %s%n", region, r.kafka().bootstrapServers()));
            }
            b.append(String.format("%-10s registry   %s%n", "shared", e.registry().url()));
            b.append(String.format("%-10s clickhouse %s (user %s)%n", "shared", e.clickhouse().url(), e.clickhouse().user()));
            b.append(String.format("%-10s s3         %s (bucket %s)%n", "shared", e.s3().endpoint(), e.s3().bucket()));
            e.flinkCluster().ifPresent(f -> b.append(String.format("%-10s flink      %s (REST API and web UI)%n", "shared", f.restUrl())));
            b.append("credentials: 'driftwatch stack up --json' prints them");
            return b.toString();
        }

        /** MirrorMaker 2's flows as its supervisor last judged them, and its restarts. */
        static String mirrorFlows(io.driftwatch.engine.failover.MirrorSupervisor.State state) {
            StringBuilder b = new StringBuilder("MirrorMaker 2 flows (as of " + state.at() + "):\n");
            state.flows().forEach(f -> b.append("  ").append(f.describe()).append('\n'));
            if (state.restarts().isEmpty()) {
                b.append("  no restarts");
            } else {
                b.append("  restarted ").append(state.restarts().size()).append(" time(s)")
                        .append(state.exhausted() ? ", no more in a row until the flows recover" : "").append(':');
                state.restarts().forEach(r -> b.append(String.format("%n    %s (%.1f s): %s", r.at(), r.tookMillis() / 1000.0, r.stalled())));
            }
            return b.toString();
        }

        static String status(List<ServerStatus> status) {
            StringBuilder b = new StringBuilder(String.format("%-20s %8s %6s %-5s %10s%n", "server", "pid", "port", "state", "data"));
            for (ServerStatus s : status) {
                b.append(String.format("%-20s %8d %6d %-5s %10s%n", s.name(), s.pid(), s.port(), s.up() ? "up" : "down",
                        ByteSize.human(s.dataBytes())));
            }
            return b.toString().stripTrailing();
        }
    }
}
