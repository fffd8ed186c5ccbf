package io.driftwatch.engine.stack;

import io.driftwatch.engine.api.StackEndpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The local stack for integration tests: started once per test run (two regions, in a fresh
 * directory under {@code target/}), shared by every test class that uses this extension, and
 * stopped when the run ends. Test methods and constructors may ask for a {@link LocalStack} or
 * its {@link StackEndpoints}.
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {
    private static final String KEY = "driftwatch-local-stack";

    @Override
    public void beforeAll(ExtensionContext context) {
        holder(context);
    }

    private static SharedStack holder(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, key -> SharedStack.start(), SharedStack.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LocalStack.class || type == StackEndpoints.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        LocalStack stack = holder(context).stack;
        return parameter.getParameter().getType() == LocalStack.class ? stack : stack.endpoints();
    }

    /** Closed by JUnit when the root context closes, i.e. at the end of the run. */
    static final class SharedStack implements ExtensionContext.Store.CloseableResource {
        final LocalStack stack;

        private SharedStack(LocalStack stack) {
            this.stack = stack;
        }

        static SharedStack start() {
            Path dir = Path.of("target", "it-stack").toAbsolutePath();
            deleteRecursively(dir);
            return new SharedStack(LocalStack.start(StackConfig.of(dir, 2)));
        }

        @Override
        public void close() {
            stack.close();
        }
    }

    public static void deleteRecursively(Path dir) {
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
