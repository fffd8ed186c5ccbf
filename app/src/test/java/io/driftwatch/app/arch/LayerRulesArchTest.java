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

    /** The app's composition root: where the console chooses the demo on this machine or a pipeline elsewhere. */
    private static final java.util.Set<String> COMPOSITION_ROOT = java.util.Set.of(
            "io.driftwatch.app.Main", "io.driftwatch.app.DriftwatchApp", "io.driftwatch.app.HeadlessDemo", "io.driftwatch.app.ConsoleOptions");

    @ArchTest
    static final ArchRule appUsesOnlyTheEnginesPublicApi = noClasses()
            .that().resideInAPackage("io.driftwatch.app..")
            .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "engine classes outside io.driftwatch.engine.api and the shared names (naming)",
                    c -> c.getPackageName().startsWith("io.driftwatch.engine")
                            && !c.getPackageName().startsWith("io.driftwatch.engine.api")
                            && !c.getPackageName().equals("io.driftwatch.engine.naming")
                            && !c.getName().equals("io.driftwatch.engine.demo.LocalPipeline")
                            && !c.getName().equals("io.driftwatch.engine.stack.LocalStacks")))
            .allowEmptyShould(false)
            .because("the console must work the same against a local or a remote engine");

    @ArchTest
    static final ArchRule onlyTheCompositionRootStartsTheLocalDemo = noClasses()
            .that(com.tngtech.archunit.base.DescribedPredicate.describe("are not the app's composition root",
                    (com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().startsWith("io.driftwatch.app")
                            && !COMPOSITION_ROOT.contains(c.getName()) && !COMPOSITION_ROOT.contains(c.getName().replaceAll("\\$.*", ""))))
            .should().dependOnClassesThat().resideInAnyPackage("io.driftwatch.engine.demo..", "io.driftwatch.engine.stack..")
            .allowEmptyShould(false)
            .because("screens and services work through api.DemoPipeline and the attached pipeline, whichever the root started");

    @ArchTest
    static final ArchRule viewModelsNeverImportControlsOrScenes = classes()
            .that().haveSimpleNameEndingWith("ViewModel")
            .should().onlyDependOnClassesThat().resideOutsideOfPackages("javafx.scene..", "javafx.stage..")
            .because("view-models hold state and logic; views own the controls");
}
