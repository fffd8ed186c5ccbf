package io.driftwatch.engine.cli;

import io.driftwatch.engine.capture.CapturePlan;
import io.driftwatch.engine.capture.CaptureSettings;
import io.driftwatch.engine.capture.SlotRecovery;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code driftwatch capture resnapshot --config FILE --region R}: recovery of a region whose replication slot was lost. */
@Command(name = "capture", mixinStandardHelpOptions = true, description = "Operate a region's capture.",
        subcommands = {CaptureCommand.Resnapshot.class})
final class CaptureCommand {
    private CaptureCommand() {}

    @Command(name = "resnapshot", mixinStandardHelpOptions = true,
            description = {"Re-snapshot a region whose replication slot PostgreSQL invalidated (wal_status lost): clears the region's capture "
                    + "offsets and drops its slot. The region's capture (a running engine's, waiting in 'failed', or the next one started) "
                    + "then creates a new slot and reads the region's tables again, writing only the rows that changed, appeared or "
                    + "disappeared since it last read: the views lose nothing and count nothing twice."})
    static final class Resnapshot implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ConflictsCommand.ConfigOption config;

        @Option(names = "--region", required = true, paramLabel = "REGION", description = "The region to re-snapshot, as the config names it.")
        String region;

        @Option(names = "--yes", description = "Do it without asking (for scripts).")
        boolean yes;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            List<CaptureSettings> plan = CapturePlan.fromConfig(config.load());
            CaptureSettings settings = plan.stream().filter(s -> s.region().equals(region)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no region '" + region + "' in " + config.config + "; its regions: "
                            + plan.stream().map(CaptureSettings::region).toList()));
            out.println("re-snapshot of " + region + ": clears its capture offsets in " + settings.offsetsTopic() + " and drops replication slot "
                    + settings.slotName() + "; capture then reads every captured table of " + region + " again");
            if (!yes && !confirmed(out)) {
                out.println("nothing done");
                return 1;
            }
            SlotRecovery.Done done = SlotRecovery.resnapshot(settings, line -> {
                out.println(line);
                out.flush();
            });
            out.println("done: the running engine's capture of " + region + " starts again within seconds with a snapshot "
                    + "(or start ./driftwatch run --config " + config.config + "); slot " + done.slot() + " was " + done.walStatus());
            return 0;
        }

        private boolean confirmed(PrintWriter out) {
            java.io.Console console = System.console();
            if (console == null) {
                out.println("not a terminal: pass --yes to confirm");
                return false;
            }
            String answer = console.readLine("type the region's name to go on: ");
            return region.equals(answer == null ? null : answer.trim());
        }
    }
}
