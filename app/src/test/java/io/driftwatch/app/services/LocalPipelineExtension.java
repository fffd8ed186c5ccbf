package io.driftwatch.app.services;

import io.driftwatch.engine.demo.LocalPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The whole local pipeline for the console's integration tests, through the engine's public API
 * exactly as the console starts it: one region, GlobalMart's schema, capture, the processing job
 * and GlobalMart's traffic for {@link #TRAFFIC}. Started once per test class in a fresh directory
 * under {@code target/} and stopped after the class (also when a test fails), so it never runs
 * beside another IT's stack on a small machine. Tests ask for the {@link LocalPipeline} as a parameter.
 */
public final class LocalPipelineExtension implements BeforeAllCallback, ParameterResolver {
    /** How long the workload runs from the start of the run. */
    public static final Duration TRAFFIC = Duration.ofSeconds(45);
    public static final int RATE = 20;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalPipelineExtension.class);
    private static final String KEY = "local-pipeline";

    @Override
    public void beforeAll(ExtensionContext context) {
        // The class's store closes the pipeline when the class is done.
        context.getStore(NAMESPACE).getOrComputeIfAbsent(KEY, key -> Shared.start(), Shared.class);
    }

    private static Shared holder(ExtensionContext context) {
        // A test method's store finds what its class's store holds.
        Shared shared = context.getStore(NAMESPACE).get(KEY, Shared.class);
        if (shared == null) {
            throw new IllegalStateException("LocalPipelineExtension must be registered on the test class");
        }
        return shared;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalPipeline.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return holder(context).pipeline;
    }

    static final class Shared implements ExtensionContext.Store.CloseableResource {
        final LocalPipeline pipeline;

        private Shared(LocalPipeline pipeline) {
            this.pipeline = pipeline;
        }

        static Shared start() {
            Path dir = Path.of("target", "it-pipeline").toAbsolutePath();
            deleteRecursively(dir);
            try {
                LocalPipeline pipeline = LocalPipeline.start(dir, 1, 7, line -> System.out.println("[it-pipeline] " + line));
                pipeline.startWorkload(RATE, TRAFFIC);
                return new Shared(pipeline);
            } catch (Exception e) {
                throw new IllegalStateException("the local pipeline did not start: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            pipeline.close();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException("cannot clean " + dir, e);
        }
    }
}
