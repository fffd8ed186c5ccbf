package io.driftwatch.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubjectVersionTest {
    private static final String V1 = """
            {"type":"record","name":"Order","fields":[{"name":"id","type":"long"},{"name":"price","type":"int"}]}""";
    private static final String V2 = """
            {"type":"record","name":"Order","fields":[{"name":"id","type":"long"},{"name":"price","type":"long"},
             {"name":"note","type":["null","string"],"default":null}]}""";

    @Test
    void theDiffBetweenTwoVersionsNamesEachChangedField() {
        assertThat(new SubjectVersion("orders-value", 2, 8, V2).changesSince(new SubjectVersion("orders-value", 1, 7, V1)))
                .containsExactly("~ field price: int -> long", "+ field note: [\"null\",\"string\"] = null");
    }

    @Test
    void aVersionComparedWithItselfHasNoChanges() {
        SubjectVersion v = new SubjectVersion("orders-value", 1, 7, V1);
        assertThat(v.changesSince(v)).isEmpty();
    }

    @Test
    void aCandidateThatIsNotASchemaSaysSo() {
        SchemaCheck check = SchemaCheck.invalid("No type: {}");
        assertThat(check.compatible()).isFalse();
        assertThat(check.summary()).isEqualTo("not a valid Avro schema: No type: {}");
    }
}
