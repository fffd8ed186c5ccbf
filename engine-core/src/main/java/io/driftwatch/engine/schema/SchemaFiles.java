package io.driftwatch.engine.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Schemas kept as files: one {@code .avsc} to check, and a directory of the versions already in
 * use for offline checks ({@code v1.avsc}, {@code v2.avsc}, ... or {@code 1.avsc}, ...).
 *
 * <p>Why the version comes from the file name: a directory has no order of its own, and
 * lexicographic order puts {@code v10} before {@code v2}. The last run of digits in the name is the
 * version number, so {@code orders-v10.avsc} is version 10 and sorts after {@code orders-v9.avsc}.
 * This is the only class in the package that touches the file system.
 */
public final class SchemaFiles {
    private static final Pattern DIGITS = Pattern.compile("(\\d+)(?!.*\\d)");

    private SchemaFiles() {}

    /** Parses one schema file, naming the file in the error. */
    public static Schema parse(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("schema file " + file + " does not exist");
        }
        try {
            // A fresh parser per file: each version defines the same named types again.
            return new Schema.Parser().parse(file.toFile());
        } catch (SchemaParseException | IOException e) {
            throw new IllegalArgumentException("cannot parse " + file + " as an Avro schema: " + e.getMessage(), e);
        }
    }

    /**
     * The schemas in {@code dir} ({@code *.avsc} and {@code *.json}), oldest first.
     *
     * @param exclude a file to leave out even if it lies in {@code dir}: the candidate itself,
     *                which must not be checked against itself as if it were the latest version
     * @throws IllegalArgumentException when a name has no digits or two files claim one version
     */
    public static List<PreviousSchema> previousVersions(Path dir, Path exclude) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("previous-schema directory " + dir + " does not exist");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(Files::isRegularFile).filter(p -> isSchemaFile(p.getFileName().toString()))
                    .filter(p -> exclude == null || !sameFile(p, exclude)).toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        Map<Integer, Path> byVersion = new HashMap<>();
        List<PreviousSchema> out = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            int version = versionOf(name).orElseThrow(() -> new IllegalArgumentException("cannot tell the version of " + file
                    + ": name previous schemas v1.avsc, v2.avsc, ... (the last number in the name is the version)"));
            Path clash = byVersion.putIfAbsent(version, file);
            if (clash != null) {
                throw new IllegalArgumentException("both " + clash.getFileName() + " and " + name + " claim version " + version);
            }
            out.add(new PreviousSchema(version, parse(file)));
        }
        out.sort(Comparator.comparingInt(PreviousSchema::version));
        return out;
    }

    /** The version in a file name: the last run of digits before the extension, if any. */
    public static OptionalInt versionOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String base = dot > 0 ? fileName.substring(0, dot) : fileName;
        Matcher m = DIGITS.matcher(base);
        if (!m.find()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(m.group(1)));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    static boolean isSchemaFile(String name) {
        return !name.startsWith(".") && (name.endsWith(".avsc") || name.endsWith(".json"));
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
