package io.driftwatch.app.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.SchemaCheck;
import io.driftwatch.engine.api.SubjectVersion;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemasViewModelTest {
    private final FakeRegistry registry = FakeRegistry.globalMart();
    /** Registry calls wait here until the test runs them, as the background thread would. */
    private final Deque<Runnable> background = new ArrayDeque<>();
    private final SchemasViewModel model = new SchemasViewModel(background::add, Runnable::run);

    private void runBackground() {
        while (!background.isEmpty()) {
            background.poll().run();
        }
    }

    @Test
    void aRegistryPasswordIsShownAsStars() {
        registry.url = "https://ops:s3cr3t@registry.test/apis/ccompat/v7";
        model.connect(registry);
        assertThat(model.statusProperty().get()).isEqualTo("Reading subjects from https://ops:****@registry.test/apis/ccompat/v7 …");
        runBackground();
        assertThat(model.statusProperty().get()).contains("https://ops:****@registry.test").doesNotContain("s3cr3t");
        model.failed("registry at https://ops:s3cr3t@registry.test/ is unreachable");
        assertThat(model.statusProperty().get()).doesNotContain("s3cr3t").contains("ops:****@");
    }

    @Test
    void connectingListsTheSubjectsAndOpensTheFirstAtItsLatestVersion() {
        model.connect(registry);
        assertThat(model.statusProperty().get()).startsWith("Reading subjects from http://registry.test");
        runBackground();
        assertThat(model.subjects()).containsExactly("globalmart.public.orders-value", "globalmart.public.payments-value");
        assertThat(model.statusProperty().get()).isEqualTo("2 subjects in the registry at http://registry.test/apis/ccompat/v7.");
        assertThat(model.selectedSubjectProperty().get()).isEqualTo("globalmart.public.orders-value");
        assertThat(model.versions()).extracting(SubjectVersion::version).containsExactly(1, 2, 3);
        assertThat(model.levelProperty().get()).startsWith("BACKWARD: consumers upgraded to the new schema");
        assertThat(model.fromProperty().get().version()).isEqualTo(2);
        assertThat(model.toProperty().get().version()).isEqualTo(3);
        assertThat(model.diffTitleProperty().get()).isEqualTo("Version 2 → version 3: 1 change");
        assertThat(model.diff()).containsExactly("~ field price: int -> long");
        assertThat(model.shownSchemaProperty().get()).isEqualTo(FakeRegistry.ORDER_V3);
        assertThat(model.candidateProperty().get()).as("the test starts from the latest schema").isEqualTo(FakeRegistry.ORDER_V3);
    }

    @Test
    void theFirstSubjectOpenedIsATablesValueNotAnInternalOne() {
        registry.subjects.put("__debezium-heartbeat.globalmart-key", registry.subjects.get("globalmart.public.payments-value"));
        registry.subjects.put("globalmart.public.customers-key", registry.subjects.get("globalmart.public.payments-value"));
        model.connect(registry);
        runBackground();
        assertThat(model.subjects().get(0)).isEqualTo("__debezium-heartbeat.globalmart-key");
        assertThat(model.selectedSubjectProperty().get()).isEqualTo("globalmart.public.orders-value");
    }

    @Test
    void anyTwoVersionsCanBeCompared() {
        model.connect(registry);
        runBackground();
        model.fromProperty().set(model.versions().get(0));
        assertThat(model.diffTitleProperty().get()).isEqualTo("Version 1 → version 3: 2 changes");
        assertThat(model.diff()).containsExactly("~ field price: int -> long", "+ field note: [\"null\",\"string\"] = null");
        model.toProperty().set(model.versions().get(1));
        assertThat(model.diff()).containsExactly("+ field note: [\"null\",\"string\"] = null");
        assertThat(model.shownSchemaProperty().get()).isEqualTo(FakeRegistry.ORDER_V2);
    }

    @Test
    void aSubjectWithOneVersionHasNothingToCompare() {
        model.connect(registry);
        runBackground();
        model.select("globalmart.public.payments-value");
        runBackground();
        assertThat(model.diffTitleProperty().get()).isEqualTo("The only version: nothing to compare");
        assertThat(model.diff()).isEmpty();
    }

    @Test
    void checkingShowsTheVerdictAndEachIncompatibilityInPlainWords() {
        model.connect(registry);
        runBackground();
        registry.answer = new SchemaCheck(false, "BACKWARD", "INCOMPATIBLE at BACKWARD with version 3: 1 problem",
                List.of("field price: long (version 3) -> string (new schema): consumers upgraded to the new schema cannot read data "
                        + "written with version 3 (Avro cannot read long data as string)"),
                List.of("~ field price: long -> string"), false, List.of("Incompatible schema"));
        model.candidateProperty().set("{\"type\":\"record\",\"name\":\"Order\",\"fields\":[]}");
        model.check();
        assertThat(model.verdictProperty().get()).isEqualTo(Verdict.CHECKING);
        runBackground();
        assertThat(registry.checked).containsExactly("globalmart.public.orders-value:{\"type\":\"record\",\"name\":\"Order\",\"fields\":[]}");
        assertThat(model.verdictProperty().get()).isEqualTo(Verdict.INCOMPATIBLE);
        assertThat(model.verdictTextProperty().get()).isEqualTo("INCOMPATIBLE at BACKWARD with version 3: 1 problem");
        assertThat(model.checkDetails()).containsExactly(
                "✗ field price: long (version 3) -> string (new schema): consumers upgraded to the new schema cannot read data written "
                        + "with version 3 (Avro cannot read long data as string)",
                "Changes from the latest version:",
                "   ~ field price: long -> string",
                "The registry's own test: incompatible",
                "   Incompatible schema");
    }

    @Test
    void anAnswerForASubjectTheUserAlreadyLeftIsDropped() {
        model.connect(registry);
        runBackground();
        model.select("globalmart.public.payments-value");
        model.select("globalmart.public.orders-value");
        Runnable paymentsAnswer = background.poll();
        runBackground();
        paymentsAnswer.run();
        assertThat(model.selectedSubjectProperty().get()).isEqualTo("globalmart.public.orders-value");
        assertThat(model.versions()).hasSize(3);
    }

    @Test
    void rereadingTheSubjectsKeepsTheSchemaBeingEdited() {
        model.connect(registry);
        runBackground();
        model.candidateProperty().set("{ my edit");
        model.refresh();
        runBackground();
        assertThat(model.candidateProperty().get()).isEqualTo("{ my edit");
        assertThat(model.selectedSubjectProperty().get()).isEqualTo("globalmart.public.orders-value");
    }

    @Test
    void aRegistryThatDoesNotAnswerIsReportedAndTheCheckEnds() {
        model.connect(registry);
        runBackground();
        registry.failure = new IllegalStateException("registry at http://registry.test is unreachable");
        model.check();
        runBackground();
        assertThat(model.statusProperty().get()).isEqualTo("The schema registry did not answer: registry at http://registry.test is unreachable");
        assertThat(model.verdictProperty().get()).isEqualTo(Verdict.NONE);
        assertThat(model.verdictTextProperty().get()).startsWith("The check could not run");
    }

    @Test
    void nothingHappensBeforeTheRegistryIsKnown() {
        model.refresh();
        model.select("anything");
        model.check();
        assertThat(background).isEmpty();
        assertThat(model.statusProperty().get()).isEqualTo("Waiting for the schema registry to start.");
    }
}
