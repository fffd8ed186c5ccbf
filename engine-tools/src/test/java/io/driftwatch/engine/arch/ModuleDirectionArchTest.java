package io.driftwatch.engine.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The engine's modules depend in one direction (README.md, "Layout"): the core, which runs inside
 * Flink and makes the job jar, knows nothing of the runtime that captures, operates and serves
 * it; the runtime knows nothing of the local stack, the demo and the command line; and those know
 * nothing of the development tools, which the installed app does not carry. Maven's module
 * graph already refuses such an import at compile time; these rules name the packages of each
 * module, so a package moved into the wrong module is caught by name.
 */
@AnalyzeClasses(packages = "io.driftwatch.engine", importOptions = MainCodeOnly.class)
class ModuleDirectionArchTest {

    static final String[] CORE = {
        "io.driftwatch.engine.naming..", "io.driftwatch.engine.config..", "io.driftwatch.engine.transport..",
        "io.driftwatch.engine.registry..", "io.driftwatch.engine.schema..", "io.driftwatch.engine.txn..",
        "io.driftwatch.engine.merge..", "io.driftwatch.engine.merging..", "io.driftwatch.engine.sink..",
        "io.driftwatch.engine.process.."
    };

    static final String[] RUNTIME = {
        "io.driftwatch.engine.access..", "io.driftwatch.engine.alerting..", "io.driftwatch.engine.alerts..",
        "io.driftwatch.engine.api..", "io.driftwatch.engine.capture..", "io.driftwatch.engine.cluster..", "io.driftwatch.engine.facade..",
        "io.driftwatch.engine.failover..", "io.driftwatch.engine.gateway..", "io.driftwatch.engine.health..",
        "io.driftwatch.engine.lag..", "io.driftwatch.engine.logging..", "io.driftwatch.engine.metrics..",
        "io.driftwatch.engine.postgres..", "io.driftwatch.engine.service..", "io.driftwatch.engine.subjects..",
        "io.driftwatch.engine.verify.."
    };

    static final String[] LOCAL = {"io.driftwatch.engine.stack..", "io.driftwatch.engine.demo..", "io.driftwatch.engine.cli.."};

    static final String[] TOOLS = {"io.driftwatch.engine.bench..", "io.driftwatch.engine.fault..", "io.driftwatch.engine.tools.."};

    @ArchTest
    static final ArchRule coreDependsOnNothingOutsideIt = noClasses()
            .that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(concat(RUNTIME, LOCAL, TOOLS))
            .allowEmptyShould(false)
            .because("the job jar is built from the core alone");

    @ArchTest
    static final ArchRule runtimeKnowsNothingOfTheLocalStack = noClasses()
            .that().resideInAnyPackage(RUNTIME)
            .should().dependOnClassesThat().resideInAnyPackage(concat(LOCAL, TOOLS))
            .allowEmptyShould(false)
            .because("an engineer attached to a pipeline on other machines runs the runtime without any local server");

    @ArchTest
    static final ArchRule theInstalledEngineCarriesNoTools = noClasses()
            .that().resideInAnyPackage(LOCAL)
            .should().dependOnClassesThat().resideInAnyPackage(TOOLS)
            .allowEmptyShould(false)
            .because("the installed app carries the local stack, the demo and the command line, not the benchmarks and drills");

    @ArchTest
    static final ArchRule enginePackagesAreFreeOfCycles = slices()
            .matching("io.driftwatch.engine.(*)..")
            .should().beFreeOfCycles()
            .allowEmptyShould(false)
            .because("two packages that need each other are one idea in two places, and cannot be moved apart into modules");

    private static String[] concat(String[]... groups) {
        return Arrays.stream(groups).flatMap(Arrays::stream).toArray(String[]::new);
    }

    /** A new package is placed on one side on purpose: otherwise the rule above would not see it. */
    @ArchTest
    static void everyEnginePackageIsOnOneSide(JavaClasses classes) {
        Set<String> named = Arrays.stream(concat(CORE, RUNTIME, LOCAL, TOOLS))
                .map(p -> p.substring(0, p.length() - 2)).collect(Collectors.toSet());
        Set<String> found = classes.stream().map(JavaClass::getPackageName)
                .filter(p -> p.startsWith("io.driftwatch.engine."))
                .map(p -> p.split("\\.")[3]).map(top -> "io.driftwatch.engine." + top)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(found).isNotEmpty();
        assertThat(named).containsAll(found);
    }
}
