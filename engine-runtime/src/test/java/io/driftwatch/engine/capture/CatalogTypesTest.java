package io.driftwatch.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.data.Json;
import io.debezium.data.Uuid;
import io.debezium.data.VariableScaleDecimal;
import io.debezium.time.Date;
import io.debezium.time.MicroTime;
import io.debezium.time.MicroTimestamp;
import io.debezium.time.ZonedTimestamp;
import io.driftwatch.engine.sink.ClickHouseTypes;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * A column typed from the catalog gets the column type its first change will give it: the same
 * ClickHouse type as Debezium's schema for it, through {@link ConnectAvroConverter}.
 */
class CatalogTypesTest {

    static java.util.stream.Stream<Arguments> columns() {
        return java.util.stream.Stream.of(
                Arguments.of("int2", "smallint", "N", null, Schema.INT16_SCHEMA),
                Arguments.of("int4", "integer", "N", null, Schema.INT32_SCHEMA),
                Arguments.of("int8", "bigint", "N", null, Schema.INT64_SCHEMA),
                Arguments.of("float4", "real", "N", null, Schema.FLOAT32_SCHEMA),
                Arguments.of("float8", "double precision", "N", null, Schema.FLOAT64_SCHEMA),
                Arguments.of("bool", "boolean", "B", null, Schema.BOOLEAN_SCHEMA),
                Arguments.of("text", "text", "S", null, Schema.STRING_SCHEMA),
                Arguments.of("varchar", "character varying(20)", "S", null, Schema.STRING_SCHEMA),
                Arguments.of("bytea", "bytea", "U", null, Schema.BYTES_SCHEMA),
                Arguments.of("numeric", "numeric(12,2)", "N", null, Decimal.builder(2).parameter("connect.decimal.precision", "12").build()),
                Arguments.of("numeric", "numeric", "N", null, VariableScaleDecimal.schema()),
                Arguments.of("date", "date", "D", null, Date.schema()),
                Arguments.of("time", "time without time zone", "D", null, MicroTime.schema()),
                Arguments.of("timestamp", "timestamp without time zone", "D", null, MicroTimestamp.schema()),
                Arguments.of("timestamptz", "timestamp with time zone", "D", null, ZonedTimestamp.schema()),
                Arguments.of("jsonb", "jsonb", "U", null, Json.schema()),
                Arguments.of("uuid", "uuid", "U", null, Uuid.schema()),
                Arguments.of("mood", "mood", "E", null, io.debezium.data.Enum.builder("happy,sad").build()),
                Arguments.of("_text", "text[]", "A", "text", SchemaBuilder.array(SchemaBuilder.string().optional().build()).build()),
                Arguments.of("_int4", "integer[]", "A", "int4", SchemaBuilder.array(SchemaBuilder.int32().optional().build()).build()));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("columns")
    void aColumnGetsTheTypeItsFirstChangeGivesIt(String typeName, String formatted, String category, String element, Schema debezium) {
        org.apache.avro.Schema fromCatalog = CatalogTypes.of(typeName, formatted, category, element).orElseThrow();
        org.apache.avro.Schema fromChange = new ConnectAvroConverter().toAvro(debezium);
        assertThat(ClickHouseTypes.of(fromCatalog)).isEqualTo(ClickHouseTypes.of(fromChange));
        assertThat(ClickHouseTypes.of(CatalogTypes.optional(fromCatalog)))
                .isEqualTo(ClickHouseTypes.of(new ConnectAvroConverter().toAvro(optional(debezium))));
    }

    @Test
    void aColumnOfATypeCaptureDoesNotCarryIsLeftOut() {
        assertThat(CatalogTypes.of("geometry", "geometry", "U", null)).isEmpty();
        assertThat(CatalogTypes.of("_geometry", "geometry[]", "A", "geometry")).isEmpty();
    }

    private static Schema optional(Schema schema) {
        SchemaBuilder b = switch (schema.type()) {
            case ARRAY -> SchemaBuilder.array(schema.valueSchema());
            case STRUCT -> {
                SchemaBuilder s = SchemaBuilder.struct();
                schema.fields().forEach(f -> s.field(f.name(), f.schema()));
                yield s;
            }
            default -> new SchemaBuilder(schema.type());
        };
        if (schema.name() != null) {
            b.name(schema.name());
        }
        if (schema.parameters() != null) {
            b.parameters(schema.parameters());
        }
        return b.optional().build();
    }
}
