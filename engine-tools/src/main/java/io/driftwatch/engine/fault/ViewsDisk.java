package io.driftwatch.engine.fault;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small filesystem of its own under one ClickHouse database's data directory, so that a drill
 * can fill the disk the views are written to, for real, without filling the machine's disk.
 *
 * <p>How: a size-limited tmpfs is mounted on {@code <clickhouse data>/data/<database>} before the
 * database is created; filling means writing another file there until the kernel answers "No
 * space left on device", and freeing means deleting that file. ClickHouse sees a genuinely full
 * disk (ENOSPC on its own writes). Mounting needs root; where that is not available the drill says
 * so instead of pretending.
 */
public final class ViewsDisk implements AutoCloseable {
    private final Path mountPoint;
    private final Path ballast;
    private boolean mounted;

    private ViewsDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.ballast = mountPoint.resolve("ballast.fill");
    }

    /** A disk not mounted (this machine cannot): filling it fails with the reason. */
    public static ViewsDisk none(Path mountPoint) {
        return new ViewsDisk(mountPoint);
    }

    /** Mounts a tmpfs of {@code bytes} on {@code <clickHouseHome>/data/data/<database>}; fails when this process may not mount. */
    public static ViewsDisk mount(Path clickHouseHome, String database, long bytes) throws IOException {
        ViewsDisk disk = new ViewsDisk(clickHouseHome.resolve("data").resolve("data").resolve(database));
        Files.createDirectories(disk.mountPoint);
        run(List.of("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=0777", "tmpfs", disk.mountPoint.toString()));
        disk.mounted = true;
        return disk;
    }

    public boolean mounted() {
        return mounted;
    }

    /** Writes a file until the filesystem is full. */
    public void fill() throws IOException {
        if (!mounted) {
            throw new IOException("no size-limited filesystem under " + mountPoint + ": mounting one needs root (CAP_SYS_ADMIN)");
        }
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(ballast)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }

    /** Deletes the file that filled the disk. */
    public void free() throws IOException {
        Files.deleteIfExists(ballast);
    }

    /** Unmounts (lazily: ClickHouse may still hold files open); the database should be dropped first. */
    @Override
    public void close() throws IOException {
        if (mounted) {
            free();
            run(List.of("umount", "-l", mountPoint.toString()));
            mounted = false;
        }
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish");
            }
            String output = new String(p.getInputStream().readAllBytes()).strip();
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
