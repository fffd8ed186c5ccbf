package io.driftwatch.engine.schema;

import static io.driftwatch.engine.schema.CompatibilityLevel.BACKWARD;
import static io.driftwatch.engine.schema.CompatibilityLevel.BACKWARD_TRANSITIVE;
import static io.driftwatch.engine.schema.CompatibilityLevel.FORWARD;
import static io.driftwatch.engine.schema.CompatibilityLevel.FORWARD_TRANSITIVE;
import static io.driftwatch.engine.schema.CompatibilityLevel.FULL;
import static io.driftwatch.engine.schema.CompatibilityLevel.FULL_TRANSITIVE;
import static io.driftwatch.engine.schema.CompatibilityLevel.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.schema.Incompatibility.BrokenReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compatibility table: schema sequences (previous versions, oldest first, then the new one)
 * and the verdict expected at every level. The expectations are Avro's schema-resolution rules
 * (and so Confluent's), written down independently of the checker.
 */
class CompatibilityCheckerTest {
    private static final boolean OK = true;
    private static final boolean NO = false;

    // Fields, written with ' for " to keep the table readable.
    private static final String ID = "'name':'id','type':'int'";
    private static final String PRICE_INT = "'name':'price','type':'int'";
    private static final String PRICE_LONG = "'name':'price','type':'long'";
    private static final String NOTE_OPTIONAL = "'name':'note','type':['null','string'],'default':null";
    private static final String SKU_REQUIRED = "'name':'sku','type':'string'";
    private static final String SKU_WITH_DEFAULT = "'name':'sku','type':'string','default':''";
    private static final String SKU_BYTES = "'name':'sku','type':'bytes'";
    private static final String SKU_INT = "'name':'sku','type':'int'";
    private static final String LEGACY_WITH_DEFAULT = "'name':'legacy','type':'int','default':0";
    private static final String LEGACY_REQUIRED = "'name':'legacy','type':'int'";
    private static final String AMOUNT_ALIAS_PRICE = "'name':'amount','type':'int','aliases':['price']";
    private static final String AMOUNT = "'name':'amount','type':'int'";
    private static final String NOTE_REQUIRED = "'name':'note','type':'string'";
    private static final String STATUS_2 = status("'NEW','PAID'", null);
    private static final String STATUS_3 = status("'NEW','PAID','SHIPPED'", null);
    private static final String STATUS_2_DEFAULT = status("'NEW','PAID'", "NEW");

    private record Scenario(String name, List<String> versions, Map<CompatibilityLevel, Boolean> expected) {
        List<Schema> previous() {
            return versions.subList(0, versions.size() - 1).stream().map(CompatibilityCheckerTest::parse).toList();
        }

        Schema candidate() {
            return parse(versions.get(versions.size() - 1));
        }
    }

    private static final List<Scenario> TABLE = List.of(
            //                                                                                                 B   BT  F   FT  FU  FUT NONE
            row("identical schema", rec(ID, PRICE_INT), rec(ID, PRICE_INT),                                     OK, OK, OK, OK, OK, OK, OK),
            row("add optional field with a default", rec(ID, PRICE_INT), rec(ID, PRICE_INT, NOTE_OPTIONAL),     OK, OK, OK, OK, OK, OK, OK),
            row("add required field without a default", rec(ID, PRICE_INT), rec(ID, PRICE_INT, SKU_REQUIRED),   NO, NO, OK, OK, NO, NO, OK),
            row("remove a field that had a default", rec(ID, LEGACY_WITH_DEFAULT), rec(ID),                    OK, OK, OK, OK, OK, OK, OK),
            row("remove a field without a default", rec(ID, LEGACY_REQUIRED), rec(ID),                         OK, OK, NO, NO, NO, NO, OK),
            // A long reader can read an int (promotion); an int reader cannot read a long.
            row("change int -> long", rec(ID, PRICE_INT), rec(ID, PRICE_LONG),                                 OK, OK, NO, NO, NO, NO, OK),
            row("change long -> int", rec(ID, PRICE_LONG), rec(ID, PRICE_INT),                                 NO, NO, OK, OK, NO, NO, OK),
            // Avro promotes string to bytes and bytes to string, so this is safe in both directions.
            row("change string -> bytes", rec(ID, SKU_REQUIRED), rec(ID, SKU_BYTES),                           OK, OK, OK, OK, OK, OK, OK),
            row("change string -> int", rec(ID, SKU_REQUIRED), rec(ID, SKU_INT),                               NO, NO, NO, NO, NO, NO, OK),
            // The new reader finds the old field through the alias; old readers know nothing of "amount".
            row("rename with an alias", rec(ID, PRICE_INT), rec(ID, AMOUNT_ALIAS_PRICE),                       OK, OK, NO, NO, NO, NO, OK),
            row("rename without an alias", rec(ID, PRICE_INT), rec(ID, AMOUNT),                                NO, NO, NO, NO, NO, NO, OK),
            row("make an optional field required", rec(ID, NOTE_OPTIONAL), rec(ID, NOTE_REQUIRED),             NO, NO, OK, OK, NO, NO, OK),
            row("enum symbol added", rec(ID, STATUS_2), rec(ID, STATUS_3),                                     OK, OK, NO, NO, NO, NO, OK),
            // An old enum with a default symbol reads unknown symbols as that default.
            row("enum symbol added, old enum has a default", rec(ID, STATUS_2_DEFAULT), rec(ID, STATUS_3),     OK, OK, OK, OK, OK, OK, OK),
            row("enum symbol removed", rec(ID, STATUS_3), rec(ID, STATUS_2),                                   NO, NO, OK, OK, NO, NO, OK),
            row("record renamed without an alias", rec("Order", ID), rec("Purchase", ID),                      NO, NO, NO, NO, NO, NO, OK),
            row("nested: after.price int -> long", envelope(PRICE_INT), envelope(PRICE_LONG),                  OK, OK, NO, NO, NO, NO, OK),
            // v1 -> v2 adds sku with a default, v2 -> v3 drops the default: each step is backward
            // compatible, but v3 cannot read v1's data, which has no sku at all.
            row("transitive: default added then dropped", rec(ID), rec(ID, SKU_WITH_DEFAULT), rec(ID, SKU_REQUIRED),
                                                                                                                OK, NO, OK, OK, OK, NO, OK),
            // v1 requires sku, v2 gives it a default, v3 removes it: v2 readers cope, v1 readers do not.
            row("transitive: default given then field removed", rec(ID, SKU_REQUIRED), rec(ID, SKU_WITH_DEFAULT), rec(ID),
                                                                                                                OK, OK, OK, NO, OK, NO, OK),
            // Only the latest counts for non-transitive levels: v1 -> v2 broke long ago (NONE at the time).
            row("non-transitive ignores an old break", rec(ID, PRICE_LONG), rec(ID, PRICE_INT), rec(ID, PRICE_INT, NOTE_OPTIONAL),
                                                                                                                OK, NO, OK, OK, OK, NO, OK));

    static Stream<Arguments> cases() {
        return TABLE.stream().flatMap(s -> Arrays.stream(CompatibilityLevel.values())
                .map(level -> Arguments.of(s.name(), level, s.expected().get(level), s)));
    }

    private final CompatibilityChecker checker = new CompatibilityChecker();

    @ParameterizedTest(name = "{0} at {1}: compatible={2}")
    @MethodSource("cases")
    void verdictMatchesTheTable(String name, CompatibilityLevel level, boolean expected, Scenario scenario) {
        CompatibilityReport report = checker.checkSequence(scenario.candidate(), scenario.previous(), level);
        assertThat(report.compatible()).as(name + " at " + level + ": " + report.incompatibilities()).isEqualTo(expected);
        assertThat(report.level()).isEqualTo(level);
        if (!expected) {
            assertThat(report.incompatibilities()).isNotEmpty();
            assertThat(report.summary()).startsWith("INCOMPATIBLE at " + level);
        }
    }

    @Test
    void tableCoversEveryLevelWithBothVerdicts() {
        for (CompatibilityLevel level : CompatibilityLevel.values()) {
            List<Boolean> verdicts = TABLE.stream().map(s -> s.expected().get(level)).toList();
            assertThat(verdicts).as(level.name()).contains(true);
            if (level != NONE) {
                assertThat(verdicts).as(level.name()).contains(false);
            }
        }
    }

    @Test
    void typeChangeNamesFieldTypesAndTheOldConsumers() {
        CompatibilityReport report = check(FORWARD, rec(ID, PRICE_INT), rec(ID, PRICE_LONG));
        assertThat(report.incompatibilities()).singleElement().satisfies(i -> {
            assertThat(i.path()).isEqualTo("price");
            assertThat(i.oldType()).isEqualTo("int");
            assertThat(i.newType()).isEqualTo("long");
            assertThat(i.broken()).isEqualTo(BrokenReader.OLD_CONSUMERS);
            assertThat(i.version()).isEqualTo(1);
            assertThat(i.describe()).isEqualTo("field price: int (version 1) -> long (new schema): consumers still reading with "
                    + "version 1 cannot read data written with the new schema (Avro cannot read long data as int)");
        });
    }

    @Test
    void typeChangeTheOtherWayNamesTheUpgradedConsumers() {
        CompatibilityReport report = check(BACKWARD, rec(ID, PRICE_LONG), rec(ID, PRICE_INT));
        assertThat(report.incompatibilities()).singleElement().satisfies(i -> {
            assertThat(i.describe()).contains("field price: long (version 1) -> int (new schema)")
                    .contains("consumers upgraded to the new schema cannot read data written with version 1");
        });
    }

    @Test
    void requiredFieldWithoutDefaultIsNamedAsAddedWithoutDefault() {
        CompatibilityReport report = check(BACKWARD, rec(ID, PRICE_INT), rec(ID, PRICE_INT, SKU_REQUIRED));
        assertThat(report.incompatibilities()).singleElement().satisfies(i -> {
            assertThat(i.path()).isEqualTo("sku");
            assertThat(i.oldType()).isEqualTo("absent");
            assertThat(i.newType()).isEqualTo("string without a default");
            assertThat(i.broken()).isEqualTo(BrokenReader.UPGRADED_CONSUMERS);
            assertThat(i.reason()).contains("the new schema requires field sku").contains("version 1 does not carry it");
        });
    }

    @Test
    void removedFieldWithoutDefaultBreaksOldConsumers() {
        CompatibilityReport report = check(FULL, rec(ID, LEGACY_REQUIRED), rec(ID));
        assertThat(report.incompatibilities()).singleElement().satisfies(i -> {
            assertThat(i.path()).isEqualTo("legacy");
            assertThat(i.oldType()).isEqualTo("int without a default");
            assertThat(i.newType()).isEqualTo("absent");
            assertThat(i.whoBreaks()).isEqualTo("consumers still reading with version 1 cannot read data written with the new schema");
        });
    }

    @Test
    void nestedChangeInsideDebeziumUnionsIsReportedByPath() {
        CompatibilityReport report = check(FORWARD, envelope(PRICE_INT), envelope(PRICE_LONG));
        assertThat(report.incompatibilities()).extracting(Incompatibility::path).containsExactly("before.price", "after.price");
        assertThat(report.incompatibilities()).allSatisfy(i -> {
            assertThat(i.oldType()).isEqualTo("int");
            assertThat(i.newType()).isEqualTo("long");
        });
    }

    @Test
    void enumSymbolAddedNamesTheSymbol() {
        CompatibilityReport report = check(FORWARD, rec(ID, STATUS_2), rec(ID, STATUS_3));
        assertThat(report.incompatibilities()).singleElement().satisfies(i -> {
            assertThat(i.path()).isEqualTo("status");
            assertThat(i.reason()).contains("[SHIPPED]").contains("enum Status");
        });
    }

    @Test
    void optionalToRequiredShowsTheWholeFieldTypes() {
        CompatibilityReport report = check(BACKWARD, rec(ID, NOTE_OPTIONAL), rec(ID, NOTE_REQUIRED));
        assertThat(report.incompatibilities()).singleElement().satisfies(i -> {
            assertThat(i.path()).isEqualTo("note");
            assertThat(i.oldType()).isEqualTo("[\"null\",\"string\"]");
            assertThat(i.newType()).isEqualTo("string");
            assertThat(i.reason()).isEqualTo("Avro cannot read null data as string");
        });
    }

    @Test
    void arrayItemsAndMapValuesAreMarkedInThePath() {
        String oldSchema = rec(ID, "'name':'tags','type':{'type':'array','items':'int'}",
                "'name':'attrs','type':{'type':'map','values':{'type':'record','name':'Attr','fields':[{'name':'x','type':'int'}]}}");
        String newSchema = rec(ID, "'name':'tags','type':{'type':'array','items':'string'}",
                "'name':'attrs','type':{'type':'map','values':{'type':'record','name':'Attr','fields':[{'name':'x','type':'string'}]}}");
        CompatibilityReport report = check(BACKWARD, oldSchema, newSchema);
        assertThat(report.incompatibilities()).extracting(Incompatibility::path).containsExactly("tags[]", "attrs{}.x");
    }

    @Test
    void transitiveLevelsReportEveryBrokenVersion() {
        CompatibilityReport report = check(BACKWARD_TRANSITIVE, rec(ID), rec(ID, SKU_WITH_DEFAULT), rec(ID, SKU_REQUIRED));
        assertThat(report.checkedVersions()).containsExactly(1, 2);
        assertThat(report.incompatibilities()).singleElement().satisfies(i -> {
            assertThat(i.version()).isEqualTo(1);
            assertThat(i.describe()).contains("field sku").contains("cannot read data written with version 1");
        });
        CompatibilityReport latestOnly = check(BACKWARD, rec(ID), rec(ID, SKU_WITH_DEFAULT), rec(ID, SKU_REQUIRED));
        assertThat(latestOnly.checkedVersions()).containsExactly(2);
        assertThat(latestOnly.compatible()).isTrue();
    }

    @Test
    void fullReportsBothDirections() {
        CompatibilityReport report = check(FULL_TRANSITIVE, rec(ID, PRICE_INT), rec(ID, SKU_REQUIRED));
        assertThat(report.incompatibilities()).extracting(Incompatibility::broken)
                .containsExactly(BrokenReader.UPGRADED_CONSUMERS, BrokenReader.OLD_CONSUMERS);
        assertThat(report.incompatibilities()).extracting(Incompatibility::path).containsExactly("sku", "price");
    }

    @Test
    void noPreviousVersionIsCompatibleAndSaysSo() {
        CompatibilityReport report = checker.check(parse(rec(ID)), List.of(), FULL_TRANSITIVE);
        assertThat(report.compatible()).isTrue();
        assertThat(report.checkedVersions()).isEmpty();
        assertThat(report.summary()).contains("no previous version");
    }

    @Test
    void noneChecksNothing() {
        CompatibilityReport report = check(NONE, rec(ID, PRICE_INT), rec("Other", SKU_INT));
        assertThat(report.compatible()).isTrue();
        assertThat(report.checkedVersions()).isEmpty();
        assertThat(report.summary()).contains("NONE");
    }

    @Test
    void versionsFromTheRegistryKeepTheirNumbers() {
        List<PreviousSchema> previous = List.of(new PreviousSchema(4, parse(rec(ID, PRICE_INT))), new PreviousSchema(7, parse(rec(ID, PRICE_INT))));
        CompatibilityReport report = checker.check(parse(rec(ID, PRICE_LONG)), previous, FORWARD_TRANSITIVE);
        assertThat(report.checkedVersions()).containsExactly(4, 7);
        assertThat(report.incompatibilities()).extracting(Incompatibility::version).containsExactly(4, 7);
        assertThat(report.summary()).isEqualTo("INCOMPATIBLE at FORWARD_TRANSITIVE with versions 4, 7: 2 problems");
    }

    @Test
    void previousVersionsOutOfOrderAreRefused() {
        List<PreviousSchema> previous = List.of(new PreviousSchema(2, parse(rec(ID))), new PreviousSchema(1, parse(rec(ID))));
        assertThatThrownBy(() -> checker.check(parse(rec(ID)), previous, BACKWARD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("oldest first");
    }

    @Test
    void levelsParseLenientlyAndNameTheValidOnes() {
        assertThat(CompatibilityLevel.parse("full-transitive")).isEqualTo(FULL_TRANSITIVE);
        assertThat(CompatibilityLevel.parse(" backward ")).isEqualTo(BACKWARD);
        assertThatThrownBy(() -> CompatibilityLevel.parse("SIDEWAYS")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown compatibility level 'SIDEWAYS'; valid levels: BACKWARD, BACKWARD_TRANSITIVE, FORWARD, "
                        + "FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE");
    }

    // --- the table's vocabulary --------------------------------------------------------------

    private CompatibilityReport check(CompatibilityLevel level, String... versions) {
        List<Schema> all = Arrays.stream(versions).map(CompatibilityCheckerTest::parse).toList();
        return checker.checkSequence(all.get(all.size() - 1), all.subList(0, all.size() - 1), level);
    }

    /**
     * A table row: the versions (at least two, the last is the new schema), then the expected
     * verdict for BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE.
     */
    private static Scenario row(String name, Object... versionsThenVerdicts) {
        List<String> versions = new ArrayList<>();
        List<Boolean> verdicts = new ArrayList<>();
        for (Object o : versionsThenVerdicts) {
            if (o instanceof String s) {
                versions.add(s);
            } else {
                verdicts.add((Boolean) o);
            }
        }
        CompatibilityLevel[] order = {BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE};
        if (versions.size() < 2 || verdicts.size() != order.length) {
            throw new IllegalArgumentException(name + ": need two or more versions and seven verdicts");
        }
        Map<CompatibilityLevel, Boolean> expected = new EnumMap<>(CompatibilityLevel.class);
        for (int i = 0; i < order.length; i++) {
            expected.put(order[i], verdicts.get(i));
        }
        return new Scenario(name, versions, expected);
    }

    private static String rec(String... fields) {
        return fields.length > 0 && !fields[0].contains("'name'") ? named(fields[0], Arrays.copyOfRange(fields, 1, fields.length))
                : named("Order", fields);
    }

    private static String named(String name, String... fields) {
        StringBuilder b = new StringBuilder("{'type':'record','name':'" + name + "','namespace':'globalmart','fields':[");
        for (int i = 0; i < fields.length; i++) {
            b.append(i == 0 ? "" : ",").append('{').append(fields[i]).append('}');
        }
        return b.append("]}").toString();
    }

    private static String status(String symbols, String defaultSymbol) {
        return "'name':'status','type':{'type':'enum','name':'Status','symbols':[" + symbols + "]"
                + (defaultSymbol == null ? "" : ",'default':'" + defaultSymbol + "'") + "}";
    }

    /** A Debezium-shaped change event whose row has the given price field. */
    private static String envelope(String priceField) {
        String row = "{'type':'record','name':'Value','fields':[{" + ID + "},{" + priceField + "}]}";
        return "{'type':'record','name':'Envelope','namespace':'globalmart.public.orders','fields':["
                + "{'name':'before','type':['null'," + row + "],'default':null},"
                + "{'name':'after','type':['null','Value'],'default':null},"
                + "{'name':'op','type':'string'}]}";
    }

    static Schema parse(String json) {
        return new Schema.Parser().parse(json.replace('\'', '"'));
    }
}
