package io.driftwatch.engine.arch;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The core's packages (what runs inside Flink) depend on each other in one direction: naming and
 * the registry client at the bottom, the job on top. A cycle would make two packages one idea in
 * two places, and the next split of the core impossible.
 */
@AnalyzeClasses(packages = "io.driftwatch.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class CorePackagesArchTest {

    @ArchTest
    static final ArchRule corePackagesAreFreeOfCycles = slices()
            .matching("io.driftwatch.engine.(*)..")
            .should().beFreeOfCycles()
            .allowEmptyShould(false);
}
