package io.driftwatch.app.services;

import io.driftwatch.engine.api.PipelineClients;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.demo.LocalPipeline;
import io.driftwatch.engine.api.SchemaCheck;
import io.driftwatch.engine.api.SchemaRegistry;
import io.driftwatch.engine.api.SubjectVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The console's reads of the schema registry against the local pipeline's real registry (Apicurio, Confluent API). */
@ExtendWith(LocalPipelineExtension.class)
class SchemaRegistryIT {
    private static final String SUBJECT = "it-console-orders-value";
    private static final String V1 = """
            {"type":"record","name":"Order","namespace":"it","fields":[{"name":"id","type":"long"},{"name":"price","type":"int"}]}""";
    private static final String V2 = """
            {"type":"record","name":"Order","namespace":"it","fields":[{"name":"id","type":"long"},{"name":"price","type":"int"},
             {"name":"note","type":["null","string"],"default":null}]}""";
    private static final String PRICE_AS_STRING = """
            {"type":"record","name":"Order","namespace":"it","fields":[{"name":"id","type":"long"},{"name":"price","type":"string"},
             {"name":"note","type":["null","string"],"default":null}]}""";
    private static final String WITH_CURRENCY = """
            {"type":"record","name":"Order","namespace":"it","fields":[{"name":"id","type":"long"},{"name":"price","type":"int"},
             {"name":"note","type":["null","string"],"default":null},{"name":"currency","type":"string","default":"EUR"}]}""";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void listsSubjectsVersionsLevelsAndDiffsAndChecksACandidateBeforeItShips(LocalPipeline pipeline) throws Exception {
        String url = pipeline.endpoints().registry().url();
        put(url + "/config/" + SUBJECT, "{\"compatibility\":\"BACKWARD\"}");
        post(url + "/subjects/" + SUBJECT + "/versions", V1);
        post(url + "/subjects/" + SUBJECT + "/versions", V2);

        SchemaRegistry registry = PipelineClients.load().schemaRegistry(url);
        assertThat(registry.subjects()).contains(SUBJECT).isSorted();
        List<SubjectVersion> versions = registry.versions(SUBJECT);
        assertThat(versions).extracting(SubjectVersion::version).containsExactly(1, 2);
        assertThat(versions.get(0).id()).isNotEqualTo(versions.get(1).id());
        assertThat(versions.get(1).schema()).contains("\"note\"").contains("\n");
        assertThat(versions.get(1).changesSince(versions.get(0))).containsExactly("+ field note: [\"null\",\"string\"] = null");
        assertThat(registry.level(SUBJECT).level()).isEqualTo("BACKWARD");
        assertThat(registry.level(SUBJECT).meaning()).contains("consumers upgraded to the new schema");

        SchemaCheck broken = registry.check(SUBJECT, PRICE_AS_STRING);
        assertThat(broken.compatible()).isFalse();
        assertThat(broken.level()).isEqualTo("BACKWARD");
        assertThat(broken.summary()).startsWith("INCOMPATIBLE at BACKWARD with version 2");
        assertThat(broken.problems()).singleElement().asString().startsWith("field price: int (version 2) -> string (new schema)")
                .contains("consumers upgraded to the new schema cannot read data written with version 2");
        assertThat(broken.changes()).containsExactly("~ field price: int -> string");
        assertThat(broken.registryCompatible()).as("the registry agrees").isFalse();

        SchemaCheck fine = registry.check(SUBJECT, WITH_CURRENCY);
        assertThat(fine.compatible()).isTrue();
        assertThat(fine.problems()).isEmpty();
        assertThat(fine.changes()).containsExactly("+ field currency: string = \"EUR\"");
        assertThat(fine.registryCompatible()).isTrue();
        assertThat(registry.versions(SUBJECT)).as("a check registers nothing").hasSize(2);

        assertThat(registry.check(SUBJECT, "{\"type\": \"record\"").summary()).startsWith("not a valid Avro schema");
    }

    @Test
    void theCapturedTablesSubjectsAppearWithTheirFirstChanges(LocalPipeline pipeline) throws InterruptedException {
        SchemaRegistry registry = PipelineClients.load().schemaRegistry(pipeline.endpoints().registry().url());
        // Capture registers a table's subjects with its first change: orders come with the traffic.
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!registry.subjects().contains("globalmart.public.orders-value") && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
        assertThat(registry.subjects()).contains("globalmart.public.orders-value", "globalmart.public.orders-key");
        assertThat(registry.versions("globalmart.public.orders-value")).isNotEmpty()
                .allSatisfy(v -> assertThat(v.schema()).contains("\"after\""));
        assertThat(registry.versions("no-such-subject")).isEmpty();
    }

    private void post(String url, String schema) throws Exception {
        send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body(schema))));
    }

    private void put(String url, String json) throws Exception {
        send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private void send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.header("Content-Type", "application/vnd.schemaregistry.v1+json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }

    private static String body(String schema) {
        return "{\"schema\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(schema) + "}";
    }
}
