package io.driftwatch.engine.cluster;

import io.driftwatch.engine.api.StackEndpoints;
import io.driftwatch.engine.process.JobSettings;
import io.driftwatch.engine.health.Probes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Finds the newest completed checkpoint of a job, so a restarted job resumes from it: in the
 * S3-compatible store or on a filesystem. A checkpoint is complete once its {@code _metadata}
 * exists.
 */
public final class CheckpointLocator {
    private static final Pattern CHECKPOINT = Pattern.compile("(.*/chk-(\\d+))/_metadata$");

    private CheckpointLocator() {}

    /** The newest checkpoint under the job's checkpoint directory ({@code s3…://} or {@code file://}). */
    public static Optional<String> latest(JobSettings job) {
        URI dir = URI.create(job.checkpointDir());
        String scheme = dir.getScheme();
        if ("file".equals(scheme)) {
            return latestOnDisk(Path.of(dir));
        }
        if (scheme != null && scheme.startsWith("s3") && job.s3() != null) {
            String prefix = dir.getPath().replaceAll("^/+|/+$", "");
            return latest(new StackEndpoints.ObjectStore(job.s3().endpoint(), dir.getHost(), job.s3().accessKey(), job.s3().secretKey()),
                    prefix, scheme);
        }
        throw new IllegalArgumentException("cannot look for checkpoints in " + job.checkpointDir()
                + ": only file:// and S3 (with the store's endpoint and keys) are searched; pass the checkpoint to resume from");
    }

    /** The newest {@code s3p://bucket/.../chk-N} under {@code prefix}, by write time, then number. */
    public static Optional<String> latest(StackEndpoints.ObjectStore s3, String prefix) {
        return latest(s3, prefix, "s3p");
    }

    private static Optional<String> latest(StackEndpoints.ObjectStore s3, String prefix, String scheme) {
        try (S3Client client = Probes.s3Client(s3)) {
            return client.listObjectsV2Paginator(b -> b.bucket(s3.bucket()).prefix(prefix + "/")).contents().stream()
                    .filter(o -> CHECKPOINT.matcher(o.key()).matches())
                    .max(Comparator.comparing(S3Object::lastModified).thenComparingLong(o -> number(o.key())))
                    .map(o -> {
                        Matcher m = CHECKPOINT.matcher(o.key());
                        m.matches();
                        return scheme + "://" + s3.bucket() + "/" + m.group(1);
                    });
        }
    }

    private static Optional<String> latestOnDisk(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(dir, 3)) {
            return files.filter(p -> CHECKPOINT.matcher(p.toString()).matches())
                    .max(Comparator.comparing(CheckpointLocator::modified).thenComparingLong(p -> number(p.toString())))
                    .map(p -> p.getParent().toUri().toString().replaceAll("/$", ""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + dir, e);
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static long number(String key) {
        Matcher m = CHECKPOINT.matcher(key);
        return m.matches() ? Long.parseLong(m.group(2)) : -1;
    }
}
