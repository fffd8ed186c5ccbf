package io.driftwatch.engine.merge;

import io.driftwatch.engine.bench.BenchmarkReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Suite {@code merge}: runs {@link MergeBenchmark} with JMH (one fork, one thread, so one core)
 * and writes merges per second to docs/BENCHMARKS.md. Started by {@code ./driftwatch bench merge}.
 */
public final class MergeBenchmarkReport {
    private static final Map<String, String> NAMES = Map.of(
            "applyConcurrentChange", "apply a concurrent change touching every column (conflicts derived)",
            "applyCausallyLaterChange", "apply a causally later change",
            "applyReplayedChange", "apply a replayed (duplicate) change",
            "joinRowStates", "join two replicas' row states",
            "compareVectors", "compare two version vectors",
            "decodeVectorHeader", "decode a version-vector header");

    private MergeBenchmarkReport() {}

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args.length > 0 ? args[0] : "docs/BENCHMARKS.md");
        Collection<RunResult> results = new Runner(new OptionsBuilder().include(MergeBenchmark.class.getName()).build()).run();
        List<List<String>> rows = new ArrayList<>();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark().substring(result.getParams().getBenchmark().lastIndexOf('.') + 1);
            var score = result.getPrimaryResult();
            rows.add(List.of(NAMES.getOrDefault(method, method), String.format("%,.0f", score.getScore()),
                    String.format("± %,.0f", score.getScoreError())));
        }
        String body = BenchmarkReport.table(List.of("operation (inventory row, every policy, 40 prior changes)", "ops/s on one core", "99.9% error"), rows)
                + "\nJMH, one fork, one thread, 3 warm-up and 5 measured iterations of 2 s; `./driftwatch bench merge`.\n";
        new BenchmarkReport(report).write("merge", "Merge: causal row merge throughput", body);
        System.out.println(body);
    }
}
