package io.driftwatch.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class DroppedFieldsTest {
    private static Schema envelope(String rowFields) {
        return new Schema.Parser().parse("""
                {"type":"record","name":"Envelope","namespace":"shop.public.items","fields":[
                  {"name":"before","type":["null",{"type":"record","name":"Value","fields":[%s]}],"default":null},
                  {"name":"after","type":["null","Value"],"default":null},
                  {"name":"op","type":"string"}]}""".formatted(rowFields));
    }

    private static final Schema V1 = envelope("""
            {"name":"id","type":"long"},{"name":"name","type":"string"},{"name":"note","type":["null","string"],"default":null}""");
    private static final Schema SOURCE_WITHOUT_NOTE = envelope("""
            {"name":"id","type":"long"},{"name":"name","type":"string"}""");

    @Test
    void aFieldDroppedAtTheSourceIsKeptOptionalAndMarkedDeprecatedSinceTheNextVersion() {
        Schema kept = DroppedFields.keep(SOURCE_WITHOUT_NOTE, V1, 3);

        Schema.Field note = DroppedFields.row(kept).getField("note");
        assertThat(note).isNotNull();
        assertThat(note.schema().getTypes().get(0).getType()).isEqualTo(Schema.Type.NULL);
        assertThat(DroppedFields.deprecated(kept)).containsExactly(java.util.Map.entry("note", 4));
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(kept, V1).getType())
                .as("the kept shape reads what the previous version wrote").isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(V1, kept).getType())
                .as("and the previous version's readers read the kept shape").isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void aFieldDeprecatedEarlierKeepsItsVersion() {
        Schema kept = DroppedFields.keep(SOURCE_WITHOUT_NOTE, V1, 3);
        Schema again = DroppedFields.keep(SOURCE_WITHOUT_NOTE, kept, 4);
        assertThat(DroppedFields.deprecated(again)).containsExactly(java.util.Map.entry("note", 4));
    }

    @Test
    void nothingDroppedLeavesTheSourceSchemaAsItIs() {
        assertThat(DroppedFields.keep(V1, V1, 1)).isSameAs(V1);
        assertThat(DroppedFields.deprecated(V1)).isEmpty();
    }

    @Test
    void aSourceRecordIsAdaptedWithTheKeptFieldNull() {
        Schema kept = DroppedFields.keep(SOURCE_WITHOUT_NOTE, V1, 1);
        GenericRecord row = new GenericData.Record(DroppedFields.row(SOURCE_WITHOUT_NOTE));
        row.put("id", 7L);
        row.put("name", "seven");
        GenericRecord value = new GenericData.Record(SOURCE_WITHOUT_NOTE);
        value.put("after", row);
        value.put("op", "c");

        GenericRecord adapted = DroppedFields.adapt(value, kept);

        GenericRecord after = (GenericRecord) adapted.get("after");
        assertThat(after.get("id")).isEqualTo(7L);
        assertThat(after.get("note")).isNull();
        assertThat(GenericData.get().validate(kept, adapted)).isTrue();
    }
}
