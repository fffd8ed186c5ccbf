package io.driftwatch.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class OldShapeTest {
    private static final Schema OLD = new Schema.Parser().parse("""
            {"type":"record","name":"Value","fields":[{"name":"id","type":"long"},{"name":"qty","type":"int"},
             {"name":"label","type":["null","string"],"default":null},{"name":"gone","type":"string","default":"n/a"}]}""");
    private static final Schema NEW = new Schema.Parser().parse("""
            {"type":"record","name":"Value","fields":[{"name":"id","type":"long"},{"name":"qty","type":"string"},
             {"name":"label","type":["null","long"],"default":null}]}""");

    private static GenericRecord newRecord(String qty, Long label) {
        GenericRecord r = new GenericData.Record(NEW);
        r.put("id", 1L);
        r.put("qty", qty);
        r.put("label", label);
        return r;
    }

    @Test
    void valuesWhoseTypeChangedAreConvertedBackWhenNothingIsLost() {
        GenericRecord old = OldShape.convert(newRecord("42", 9L), OLD);
        assertThat(old.get("qty")).isEqualTo(42);
        assertThat(old.get("label").toString()).isEqualTo("9");
        assertThat(old.get("gone").toString()).as("a field the new shape lacks takes its default").isEqualTo("n/a");
        assertThat(GenericData.get().validate(OLD, old)).isTrue();
    }

    @Test
    void aValueTheOldShapeCannotHoldIsRefusedWithTheField() {
        assertThatThrownBy(() -> OldShape.convert(newRecord("twenty", null), OLD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("qty").hasMessageContaining("twenty");
        assertThatThrownBy(() -> OldShape.convert(newRecord("3000000000", null), OLD))
                .hasMessageContaining("qty").hasMessageContaining("int");
    }
}
