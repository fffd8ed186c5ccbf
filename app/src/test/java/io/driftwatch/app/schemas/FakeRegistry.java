package io.driftwatch.app.schemas;

import io.driftwatch.engine.api.SchemaCheck;
import io.driftwatch.engine.api.SchemaRegistry;
import io.driftwatch.engine.api.SubjectLevel;
import io.driftwatch.engine.api.SubjectVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A registry held in memory for view-model and view tests; checks answer what the test told them to. */
final class FakeRegistry implements SchemaRegistry {
    static final String ORDER_V1 = """
            {"type":"record","name":"Order","fields":[{"name":"id","type":"long"},{"name":"price","type":"int"}]}""";
    static final String ORDER_V2 = """
            {"type":"record","name":"Order","fields":[{"name":"id","type":"long"},{"name":"price","type":"int"},
             {"name":"note","type":["null","string"],"default":null}]}""";
    static final String ORDER_V3 = """
            {"type":"record","name":"Order","fields":[{"name":"id","type":"long"},{"name":"price","type":"long"},
             {"name":"note","type":["null","string"],"default":null}]}""";

    final Map<String, List<SubjectVersion>> subjects = new LinkedHashMap<>();
    final List<String> checked = new ArrayList<>();
    SchemaCheck answer = new SchemaCheck(true, "BACKWARD", "compatible at BACKWARD with version 3", List.of(), List.of(), true, List.of());
    RuntimeException failure;
    String url = "http://registry.test/apis/ccompat/v7";

    static FakeRegistry globalMart() {
        FakeRegistry r = new FakeRegistry();
        r.subjects.put("globalmart.public.orders-value", List.of(
                new SubjectVersion("globalmart.public.orders-value", 1, 11, ORDER_V1),
                new SubjectVersion("globalmart.public.orders-value", 2, 12, ORDER_V2),
                new SubjectVersion("globalmart.public.orders-value", 3, 13, ORDER_V3)));
        r.subjects.put("globalmart.public.payments-value", List.of(
                new SubjectVersion("globalmart.public.payments-value", 1, 21, ORDER_V1)));
        return r;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public List<String> subjects() {
        fail();
        return subjects.keySet().stream().sorted().toList();
    }

    @Override
    public List<SubjectVersion> versions(String subject) {
        fail();
        return subjects.getOrDefault(subject, List.of());
    }

    @Override
    public SubjectLevel level(String subject) {
        fail();
        return new SubjectLevel("BACKWARD", "consumers upgraded to the new schema can read data written with the latest version");
    }

    @Override
    public SchemaCheck check(String subject, String candidate) {
        fail();
        checked.add(subject + ":" + candidate);
        return answer;
    }

    private void fail() {
        if (failure != null) {
            throw failure;
        }
    }
}
