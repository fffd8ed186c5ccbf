package io.driftwatch.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.stack.LocalStackExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every region's capture registers a table's schema when it first sees the table, often at the
 * same moment; the registry refuses all but one of those first registrations as "already
 * exists". Each must still get the schema's id, or the losing region would set its records aside.
 */
@ExtendWith(LocalStackExtension.class)
class ConcurrentRegistrationIT {

    @Test
    void regionsRegisteringTheSameNewSubjectAtOnceAllGetItsId(StackEndpoints e) throws Exception {
        Schema schema = SchemaBuilder.record("Race").namespace("io.driftwatch.test").fields().requiredString("id").endRecord();
        int clients = 6;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            for (int round = 0; round < 5; round++) {
                String subject = "race-" + round + "-" + System.nanoTime() + "-value";
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> ids = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    SchemaRegistryClient client = new SchemaRegistryClient(e.registry().url());
                    Callable<Integer> register = () -> {
                        start.await();
                        return client.register(subject, schema);
                    };
                    ids.add(pool.submit(register));
                }
                start.countDown();
                List<Integer> got = new ArrayList<>();
                for (Future<Integer> id : ids) {
                    got.add(id.get());
                }
                assertThat(got).as("ids for " + subject).hasSize(clients).allMatch(id -> id.equals(got.get(0)));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
