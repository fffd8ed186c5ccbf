package io.driftwatch.engine.stack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Removes a stack directory so the next start begins from nothing ({@code demo --fresh}): only
 * a directory that holds a Driftwatch stack, and only while no process uses it, after saying what
 * it removes.
 */
public final class StackWipe {
    private StackWipe() {}

    public static void wipe(Path dir, Consumer<String> progress) throws IOException {
        Path d = dir.toAbsolutePath().normalize();
        if (!Files.exists(d)) {
            return;
        }
        if (!Files.exists(d.resolve(StackManifest.FILE)) && !Files.exists(d.resolve("secrets.properties"))) {
            throw new StackException(d + " does not look like a Driftwatch stack directory (it has no " + StackManifest.FILE
                    + "), so --fresh leaves it alone; choose another --dir, or remove it yourself");
        }
        DetachedStack detached = new DetachedStack(d);
        if (detached.isRunning()) {
            throw new StackException("the stack in " + d + " is running (daemon pid " + detached.manifest().map(StackManifest::ownerPid)
                    .orElse(-1L) + "); stop it first with 'driftwatch stack down --dir " + d + "'");
        }
        Path lockFile = d.resolve(".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                throw new StackException("the stack in " + d + " is in use by another Driftwatch process; stop it first");
            }
            try {
                progress.accept("--fresh: removing " + d + " (" + String.join(", ", contents(d)) + ")");
                try (Stream<Path> entries = Files.list(d)) {
                    for (Path entry : entries.filter(p -> !p.equals(lockFile)).toList()) {
                        delete(entry);
                    }
                }
            } finally {
                lock.release();
            }
        }
        Files.deleteIfExists(lockFile);
        Files.deleteIfExists(d);
    }

    private record Entry(String name, long bytes) {}

    /** Each entry with its size, biggest first: the servers' data, the secrets, the logs. */
    private static List<String> contents(Path d) throws IOException {
        try (Stream<Path> entries = Files.list(d)) {
            return entries.filter(p -> !p.getFileName().toString().equals(".lock"))
                    .map(p -> new Entry(p.getFileName().toString(), size(p)))
                    .sorted(Comparator.comparingLong(Entry::bytes).reversed())
                    .map(e -> e.name() + " " + megabytes(e.bytes()))
                    .toList();
        }
    }

    private static long size(Path p) {
        try {
            return Files.isDirectory(p) ? StackInspector.sizeOf(p) : Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String megabytes(long bytes) {
        return bytes < 1024 * 1024 ? (bytes / 1024) + " KiB" : (bytes / (1024 * 1024)) + " MiB";
    }

    private static void delete(Path p) throws IOException {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(p)) {
                for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        } else {
            Files.deleteIfExists(p);
        }
    }
}
