package io.driftwatch.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.schema.SchemaDiff.Kind;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaDiffTest {

    private static Schema parse(String json) {
        return CompatibilityCheckerTest.parse(json);
    }

    private static Schema order(String fields) {
        return parse("{'type':'record','name':'Order','namespace':'globalmart','fields':[" + fields + "]}");
    }

    @Test
    void identicalSchemasHaveNoChanges() {
        Schema s = order("{'name':'id','type':'int'}");
        assertThat(SchemaDiff.between(s, order("{'name':'id','type':'int'}")).isEmpty()).isTrue();
    }

    @Test
    void addedRemovedAndRetypedFieldsAreOneLineEach() {
        Schema before = order("{'name':'id','type':'int'},{'name':'price','type':'int'},{'name':'legacy','type':'int'}");
        Schema after = order("{'name':'id','type':'int'},{'name':'price','type':'long'},"
                + "{'name':'note','type':['null','string'],'default':null},{'name':'sku','type':'string'}");
        assertThat(SchemaDiff.between(before, after).lines()).containsExactly(
                "~ field price: int -> long",
                "+ field note: [\"null\",\"string\"] = null",
                "+ field sku: string (no default)",
                "- field legacy: int");
    }

    @Test
    void changedDefaultsAndDocsAreShownAsJson() {
        Schema before = order("{'name':'note','type':['null','string'],'default':null,'doc':'free text'},"
                + "{'name':'qty','type':'int','default':1},{'name':'tags','type':{'type':'array','items':'string'},'default':[]}");
        Schema after = order("{'name':'note','type':['string','null'],'default':'n/a','doc':'free text, \\\"quoted\\\"'},"
                + "{'name':'qty','type':'int'},{'name':'tags','type':{'type':'array','items':'string'},'default':['a']}");
        SchemaDiff diff = SchemaDiff.between(before, after);
        assertThat(diff.lines()).containsExactly(
                "~ field note: [\"null\",\"string\"] -> [\"string\",\"null\"]",
                "~ field note default: null -> \"n/a\"",
                "~ field note doc: \"free text\" -> \"free text, \\\"quoted\\\"\"",
                "~ field qty default: 1 -> none",
                "~ field tags default: [] -> [\"a\"]");
        assertThat(diff.changes()).extracting(SchemaDiff.Change::kind).containsExactly(
                Kind.TYPE_CHANGED, Kind.DEFAULT_CHANGED, Kind.DOC_CHANGED, Kind.DEFAULT_CHANGED, Kind.DEFAULT_CHANGED);
    }

    @Test
    void nestedRecordsInsideDebeziumUnionsAreFollowedWithDottedPaths() {
        String row1 = "{'type':'record','name':'Value','fields':[{'name':'id','type':'int'},{'name':'price','type':'int'}]}";
        String row2 = "{'type':'record','name':'Value','fields':[{'name':'id','type':'int'},{'name':'price','type':'long'},"
                + "{'name':'note','type':['null','string'],'default':null}]}";
        String envelope = "{'type':'record','name':'Envelope','fields':[{'name':'before','type':['null',%s],'default':null},"
                + "{'name':'after','type':['null','Value'],'default':null},{'name':'op','type':'string'}]}";
        SchemaDiff diff = SchemaDiff.between(parse(envelope.formatted(row1)), parse(envelope.formatted(row2)));
        assertThat(diff.lines()).containsExactly(
                "~ field before.price: int -> long",
                "+ field before.note: [\"null\",\"string\"] = null",
                "~ field after.price: int -> long",
                "+ field after.note: [\"null\",\"string\"] = null");
        assertThat(diff.changes()).extracting(SchemaDiff.Change::path)
                .containsExactly("before.price", "before.note", "after.price", "after.note");
    }

    @Test
    void recordsInArraysAndMapsAndTwoLevelsDeep() {
        String v1 = "{'name':'lines','type':{'type':'array','items':{'type':'record','name':'Line','fields':["
                + "{'name':'qty','type':'int'},{'name':'item','type':{'type':'record','name':'Item','fields':[{'name':'sku','type':'string'}]}}]}}}";
        String v2 = "{'name':'lines','type':{'type':'array','items':{'type':'record','name':'Line','fields':["
                + "{'name':'qty','type':'long'},{'name':'item','type':{'type':'record','name':'Item','fields':[{'name':'sku','type':'bytes'}]}}]}}}";
        assertThat(SchemaDiff.between(order(v1), order(v2)).lines()).containsExactly(
                "~ field lines[].qty: int -> long",
                "~ field lines[].item.sku: string -> bytes");
    }

    @Test
    void renameThroughAnAliasIsARenameNotAnAddAndARemove() {
        Schema before = order("{'name':'id','type':'int'},{'name':'price','type':'int'}");
        Schema after = order("{'name':'id','type':'int'},{'name':'amount','type':'long','aliases':['price']}");
        assertThat(SchemaDiff.between(before, after).lines()).containsExactly(
                "~ field amount: renamed from price",
                "~ field amount: int -> long");
    }

    @Test
    void enumSymbolsLogicalTypesAndRecordNames() {
        Schema before = parse("{'type':'record','name':'Order','fields':["
                + "{'name':'status','type':{'type':'enum','name':'Status','symbols':['NEW','PAID']}},"
                + "{'name':'at','type':{'type':'long','logicalType':'timestamp-millis'}},"
                + "{'name':'total','type':{'type':'bytes','logicalType':'decimal','precision':10,'scale':2}}]}");
        Schema after = parse("{'type':'record','name':'Purchase','fields':["
                + "{'name':'status','type':{'type':'enum','name':'Status','symbols':['NEW','PAID','SHIPPED']}},"
                + "{'name':'at','type':{'type':'long','logicalType':'timestamp-micros'}},"
                + "{'name':'total','type':{'type':'bytes','logicalType':'decimal','precision':12,'scale':2}}]}");
        assertThat(SchemaDiff.between(before, after).lines()).containsExactly(
                "~ record name: Order -> Purchase",
                "~ field status symbols: [NEW,PAID] -> [NEW,PAID,SHIPPED]",
                "~ field at: long<timestamp-millis> -> long<timestamp-micros>",
                "~ field total: bytes<decimal(10,2)> -> bytes<decimal(12,2)>");
    }

    @Test
    void recursiveTypesEnd() {
        String node = "{'type':'record','name':'Node','fields':[{'name':'v','type':'%s'},{'name':'next','type':['null','Node'],'default':null}]}";
        assertThat(SchemaDiff.between(parse(node.formatted("int")), parse(node.formatted("long"))).lines())
                .containsExactly("~ field v: int -> long");
    }
}
