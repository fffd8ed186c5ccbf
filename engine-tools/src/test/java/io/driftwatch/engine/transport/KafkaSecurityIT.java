package io.driftwatch.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.capture.CaptureService;
import io.driftwatch.engine.capture.CaptureSettings;
import io.driftwatch.engine.capture.CaptureState;
import io.driftwatch.engine.config.PipelineConfig;
import io.driftwatch.engine.fault.SteadyLoad;
import io.driftwatch.engine.process.ClickHouseSettings;
import io.driftwatch.engine.process.JobSettings;
import io.driftwatch.engine.process.PipelineJob;
import io.driftwatch.engine.sink.ClickHouseHttp;
import io.driftwatch.engine.stack.LocalStackExtension;
import io.driftwatch.engine.stack.SecureKafka;
import io.driftwatch.engine.verify.ViewVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Capture and the processing job against a Kafka broker that requires SASL/SCRAM: capture writes
 * through the SCRAM listener, the job reads and writes through SCRAM over TLS (a key generated
 * with keytool, trusted through a trust store), the views end equal to the source; a wrong
 * password is refused with a message that names the broker, the user and what to check, and
 * neither password appears in what the engine prints or in the broker's log.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaSecurityIT {
    private static final String REGION = "us-east-1";
    private static final String USER = "driftwatch";
    private final String password = "scram-" + Long.toHexString(new java.security.SecureRandom().nextLong());
    private SecureKafka kafka;

    @BeforeAll
    void startBroker() throws Exception {
        kafka = SecureKafka.start(Path.of("target", "secure-kafka").toAbsolutePath());
        kafka.addScramUser(USER, password);
    }

    @AfterAll
    void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void captureThroughScramAndTheJobThroughScramOverTlsEndWithExactViews(StackEndpoints endpoints) throws Exception {
        String prefix = "scramit";
        KafkaSecurity scram = new KafkaSecurity("SASL_PLAINTEXT", "SCRAM-SHA-512", USER, password, null, null);
        KafkaSecurity tls = new KafkaSecurity("SASL_SSL", "SCRAM-SHA-512", USER, password, kafka.truststore().toString(),
                kafka.truststorePassword());
        CaptureSettings captureSettings = settings(endpoints, prefix, kafka.scramBootstrap(), scram);
        JobSettings job = job(endpoints, prefix, kafka.tlsBootstrap(), tls);
        String captureStatus = loadAndVerify(endpoints, prefix, captureSettings, job);

        String printed = captureSettings + " " + job + " " + captureStatus;
        assertThat(printed).doesNotContain(password).doesNotContain(kafka.truststorePassword()).contains("password=****");
        assertThat(Files.readString(kafka.log())).doesNotContain(password).doesNotContain(kafka.truststorePassword());
    }

    @Test
    void captureAndTheJobThroughTlsWithoutSaslEndWithExactViews(StackEndpoints endpoints) throws Exception {
        String prefix = "tlsit";
        KafkaSecurity tls = new KafkaSecurity("SSL", null, null, null, kafka.truststore().toString(), kafka.truststorePassword());
        loadAndVerify(endpoints, prefix, settings(endpoints, prefix, kafka.sslBootstrap(), tls), job(endpoints, prefix, kafka.sslBootstrap(), tls));
    }

    /**
     * Capture and the job under four seconds of load; the views must end equal to the source and
     * capture still running. Returns the capture's status as it printed at the end.
     */
    private static String loadAndVerify(StackEndpoints endpoints, String prefix, CaptureSettings captureSettings, JobSettings job)
            throws Exception {
        StackEndpoints.Postgres pg = endpoints.region(REGION).postgres();
        SteadyLoad load = new SteadyLoad(pg, prefix, 100);
        load.createTables();
        ClickHouseHttp clickhouse = new ClickHouseHttp(endpoints.clickhouse().url(), endpoints.clickhouse().user(),
                endpoints.clickhouse().password());
        try (CaptureService capture = new CaptureService(captureSettings)) {
            capture.start();
            JobClient running = PipelineJob.startLocal(job, null);
            try {
                load.start();
                Thread.sleep(4_000);
                load.close();
                assertThat(load.committed()).isGreaterThan(50);
                awaitVerified(pg, clickhouse, "dw_" + prefix, load, Duration.ofMinutes(3));
                assertThat(capture.status().state()).isEqualTo(CaptureState.RUNNING);
            } finally {
                running.cancel().get();
            }
            return capture.status().toString();
        }
    }

    /** The job of {@code prefix} reading and writing through {@code bootstrap} with {@code security}, checkpointing to a local directory. */
    private static JobSettings job(StackEndpoints endpoints, String prefix, String bootstrap, KafkaSecurity security) {
        return new JobSettings(prefix, Map.of(REGION, bootstrap), endpoints.registry().url(),
                new ClickHouseSettings(endpoints.clickhouse().url(), endpoints.clickhouse().user(), endpoints.clickhouse().password(),
                        "dw_" + prefix, List.of(REGION)), 1, Duration.ofSeconds(1), JobSettings.Visibility.TRANSACTION,
                "file://" + Path.of("target", prefix + "-checkpoints").toAbsolutePath(), null, 0, Duration.ofMillis(50), null, null,
                Map.of(REGION, security));
    }

    @Test
    void aJobWithAWrongPasswordDoesNotStartAndSaysWhichBrokerRefusedWhichUser(StackEndpoints endpoints) {
        String wrong = "not-" + password;
        KafkaSecurity scram = new KafkaSecurity("SASL_PLAINTEXT", "SCRAM-SHA-512", USER, wrong, null, null);
        JobSettings job = job(endpoints, "scrambadjob", kafka.scramBootstrap(), scram);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PipelineJob.startLocal(job, null))
                .hasMessageContaining("Kafka at " + kafka.scramBootstrap() + " refused the credentials of user '" + USER + "'")
                .hasMessageContaining("passwordFile").hasMessageNotContaining(wrong);
    }

    @Test
    void aWrongPasswordIsRefusedClearlyAndNeverPrinted(StackEndpoints endpoints) throws Exception {
        String wrong = "not-" + password;
        KafkaSecurity scram = new KafkaSecurity("SASL_PLAINTEXT", "SCRAM-SHA-512", USER, wrong, null, null);
        try (CaptureService capture = new CaptureService(settings(endpoints, "scrambad", kafka.scramBootstrap(), scram))) {
            capture.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (capture.status().lastError() == null && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            String error = capture.status().lastError();
            assertThat(error).as("capture says who refused whom and what to check")
                    .contains("Kafka at " + kafka.scramBootstrap() + " refused the credentials of user '" + USER + "'")
                    .contains("SCRAM-SHA-512").contains("passwordFile");
            assertThat(error).doesNotContain(wrong);
            assertThat(capture.status().state()).isIn(CaptureState.RETRYING, CaptureState.STARTING);
        }
    }

    private static CaptureSettings settings(StackEndpoints endpoints, String prefix, String bootstrap, KafkaSecurity security) {
        StackEndpoints.Postgres pg = endpoints.region(REGION).postgres();
        return new CaptureSettings(REGION, pg.host(), pg.port(), pg.database(), pg.user(), pg.password(), bootstrap,
                endpoints.registry().url(), new PipelineConfig.CaptureConfig(prefix, List.of("public"), null, 1000L, 10L, "initial", 1),
                security);
    }

    private static void awaitVerified(StackEndpoints.Postgres pg, ClickHouseHttp clickhouse, String database, SteadyLoad load,
                                      Duration timeout) throws Exception {
        ViewVerifier verifier = new ViewVerifier(clickhouse, database);
        io.driftwatch.engine.verify.Convergence.await(() -> {
            try (Connection c = java.sql.DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password())) {
                return List.of(verifier.verify(c, "public", load.ordersTable()), verifier.verify(c, "public", load.linesTable()),
                        verifier.verify(c, "public", load.auditTable()));
            }
        }, timeout, Duration.ofMillis(500));
    }
}
