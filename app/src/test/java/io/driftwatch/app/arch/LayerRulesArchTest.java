package io.driftwatch.app.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The console reaches the engine through its public API only, and view-models never touch controls. */
@AnalyzeClasses(packages = "io.driftwatch.app", importOptions = ImportOption.DoNotIncludeTests.class)
class LayerRulesArchTest {

    @ArchTest
    static final ArchRule appUsesOnlyTheEnginesPublicApi = noClasses()
            .that().resideInAPackage("io.driftwatch.app..")
            .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "engine classes outside io.driftwatch.engine.api",
                    c -> c.getPackageName().startsWith("io.driftwatch.engine")
                            && !c.getPackageName().startsWith("io.driftwatch.engine.api")))
            .because("the console must work the same against a local or a remote engine");

    @ArchTest
    static final ArchRule viewModelsNeverImportControlsOrScenes = classes()
            .that().haveSimpleNameEndingWith("ViewModel")
            .should().onlyDependOnClassesThat().resideOutsideOfPackages("javafx.scene..", "javafx.stage..")
            .because("view-models hold state and logic; views own the controls");
}
