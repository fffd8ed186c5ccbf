package io.driftwatch.engine.process;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.stack.Probes;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Finds the newest completed checkpoint of a pipeline in the S3-compatible store, so a restarted
 * job resumes from it. A checkpoint is complete once its {@code _metadata} exists.
 */
public final class CheckpointLocator {
    private static final Pattern CHECKPOINT = Pattern.compile("(.*/chk-(\\d+))/_metadata$");

    private CheckpointLocator() {}

    /** The newest {@code s3p://bucket/.../chk-N} under {@code prefix}, by write time, then number. */
    public static Optional<String> latest(StackEndpoints.ObjectStore s3, String prefix) {
        try (S3Client client = Probes.s3Client(s3)) {
            return client.listObjectsV2Paginator(b -> b.bucket(s3.bucket()).prefix(prefix + "/")).contents().stream()
                    .filter(o -> CHECKPOINT.matcher(o.key()).matches())
                    .max(Comparator.comparing(S3Object::lastModified).thenComparingLong(CheckpointLocator::number))
                    .map(o -> {
                        Matcher m = CHECKPOINT.matcher(o.key());
                        m.matches();
                        return "s3p://" + s3.bucket() + "/" + m.group(1);
                    });
        }
    }

    private static long number(S3Object object) {
        Matcher m = CHECKPOINT.matcher(object.key());
        return m.matches() ? Long.parseLong(m.group(2)) : -1;
    }
}
