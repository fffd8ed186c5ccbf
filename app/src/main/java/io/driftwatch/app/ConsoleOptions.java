package io.driftwatch.app;

import io.driftwatch.app.lag.LagThresholds;
import io.driftwatch.app.shell.Screen;
import io.driftwatch.engine.stack.LocalStacks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The console's command line: what to show and for how long. Without {@code --config} the console
 * starts the local demo; with it, it attaches to the endpoints the file names and starts nothing.
 */
public record ConsoleOptions(boolean help, boolean headless, Optional<Duration> duration, Path stackDir, int regions,
                             Optional<Path> screenshot, Duration screenshotAfter, int rate, Optional<Screen> screen,
                             LagThresholds lagThresholds, Optional<Path> config, String operator, boolean verbose, boolean fresh) {

    static final String USAGE = """
            Usage: driftwatch [demo] [--headless] [--duration 60s] [--dir DIR] [--regions 1|2] [--screen NAME] [--operator NAME] [--verbose] [--fresh]
                   driftwatch --config FILE
              --headless     no window: print live status lines instead
              --duration D   stop after D (60s, 5m); without it, run until Ctrl-C or the window closes
              --dir DIR      stack directory (default: ~/.driftwatch/stack)
              --regions N    1 or 2 regions (default 2)
              --rate N       GlobalMart transactions per second (default 20; tripled during the burst)
              --screen NAME  the screen shown first: %s (default pipeline)
              --screenshot FILE [--screenshot-after D]
                             write a PNG of the window after D (default 20s); with --screen, of that screen
              --lag-thresholds SPEC
                             where lags turn amber and red: %s
              --operator NAME
                             who resolves conflicts, as the audit trail records it (default: the OS user)
              --fresh        remove the stack directory first (its servers' data, secrets and logs) and start anew
              --verbose      also show the libraries' log lines here (they always go to DIR/driftwatch.log)
              --config FILE  attach to the endpoints a pipeline config names (docs/CONFIG.md) instead of
                             starting the local demo: lists them and probes whether each answers""".formatted(Screen.names(),
            LagThresholds.SYNTAX);

    /** Parses {@code [demo] [options]}; an unknown option is an error that names it. */
    public static ConsoleOptions parse(String... args) {
        boolean help = false;
        boolean headless = false;
        boolean verbose = false;
        boolean fresh = false;
        Optional<Duration> duration = Optional.empty();
        Path dir = LocalStacks.defaultDir();
        int regions = 2;
        Optional<Path> screenshot = Optional.empty();
        Duration screenshotAfter = Duration.ofSeconds(20);
        int rate = 20;
        Optional<Path> config = Optional.empty();
        Optional<Screen> screen = Optional.empty();
        LagThresholds lagThresholds = LagThresholds.defaults();
        String operator = System.getProperty("user.name", "");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "demo" -> { }
                case "-h", "--help" -> help = true;
                case "--headless" -> headless = true;
                case "--verbose" -> verbose = true;
                case "--fresh" -> fresh = true;
                case "--duration" -> duration = Optional.of(parseDuration(value(args, ++i, arg)));
                case "--dir" -> dir = Path.of(value(args, ++i, arg));
                case "--regions" -> {
                    String value = value(args, ++i, arg);
                    if (!value.equals("1") && !value.equals("2")) {
                        throw new IllegalArgumentException("--regions must be 1 or 2, was " + value);
                    }
                    regions = Integer.parseInt(value);
                }
                case "--config" -> config = Optional.of(Path.of(value(args, ++i, arg)).toAbsolutePath().normalize());
                case "--screenshot" -> screenshot = Optional.of(Path.of(value(args, ++i, arg)).toAbsolutePath());
                case "--screenshot-after" -> screenshotAfter = parseDuration(value(args, ++i, arg));
                case "--screen" -> screen = Optional.of(Screen.named(value(args, ++i, arg)));
                case "--operator" -> {
                    operator = value(args, ++i, arg).trim();
                    if (operator.isEmpty()) {
                        throw new IllegalArgumentException("--operator needs a name");
                    }
                }
                case "--lag-thresholds" -> lagThresholds = LagThresholds.parse(value(args, ++i, arg));
                case "--rate" -> {
                    String value = value(args, ++i, arg);
                    try {
                        rate = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--rate: '" + value + "' is not a whole number of transactions per second");
                    }
                    if (rate < 1) {
                        throw new IllegalArgumentException("--rate must be at least 1, was " + rate);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'\n" + USAGE);
            }
        }
        if (fresh && config.isPresent()) {
            throw new IllegalArgumentException("--fresh removes the local stack's directory; with --config there is no local stack");
        }
        if (headless && config.isPresent()) {
            throw new IllegalArgumentException("--config attaches the console's window to real endpoints; --headless runs the local demo"
                    + " only, so the two do not combine yet");
        }
        return new ConsoleOptions(help, headless, duration, dir.toAbsolutePath().normalize(), regions, screenshot,
                screenshotAfter, rate, screen, lagThresholds, config, operator, verbose, fresh);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    /** Accepts {@code 90s}, {@code 5m}, {@code 1h} or a plain number of seconds. */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase();
        try {
            if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            if (t.endsWith("s")) return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            if (t.endsWith("m")) return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            if (t.endsWith("h")) return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--duration: '" + text + "' is not a duration such as 60s, 5m or 1h");
        }
    }
}
