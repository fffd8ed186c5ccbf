package io.driftwatch.engine.capture;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Lets tests of other packages read raw records with {@link RawReader}. */
public final class RawReaderAccess {
    private RawReaderAccess() {}

    public static List<ConsumerRecord<byte[], byte[]>> read(String bootstrap, String topic, int atLeast, Duration timeout) {
        return RawReader.read(bootstrap, topic, atLeast, timeout);
    }
}
