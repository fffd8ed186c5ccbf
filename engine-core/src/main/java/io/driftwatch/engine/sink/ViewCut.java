package io.driftwatch.engine.sink;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * The cut the views show: per source (a region's commit positions, or the merge's sequence) the
 * highest position readers may see, in the table {@code _cut}. Pure: it only writes SQL.
 *
 * <p>Why a table of its own beside {@code _visibility} and {@code _merge_visibility}: those record
 * what the job has <em>published</em> (every row version up to the position is written); the cut
 * is what the views show, and it is advanced from the published positions by whoever keeps it —
 * the job itself, or the SQL gateway, which advances it only between the queries it serves so that
 * every view of one query reads the same cut (docs/VIEWS.md).
 */
public final class ViewCut {
    public static final String TABLE = "_cut";
    /** The merge's sequence in {@code _cut}; not a region name (regions are DNS-like names). */
    public static final String MERGE = "~merge";

    private ViewCut() {}

    public static String create(String database) {
        return "CREATE TABLE IF NOT EXISTS " + ViewLayout.q(database) + "." + ViewLayout.q(TABLE)
                + " (source String, position UInt64, at DateTime DEFAULT now()) ENGINE = MergeTree ORDER BY (source, position)";
    }

    /** The scalar subquery a view compares its versions with: the cut of {@code source}. */
    public static String of(String database, String source) {
        return "(SELECT max(position) FROM " + ViewLayout.q(database) + "." + ViewLayout.q(TABLE) + " WHERE source = '"
                + source.replace("'", "") + "')";
    }

    /** The current cut of every source. */
    public static String current(String database) {
        return "SELECT source, max(position) AS position FROM " + ViewLayout.q(database) + "." + ViewLayout.q(TABLE) + " GROUP BY source";
    }

    /** What the job has published: each region's visible position and the merge's sequence (when merging runs). */
    public static String published(String database, boolean merging) {
        String regions = "SELECT region AS source, max(position) AS position FROM " + ViewLayout.q(database) + "."
                + ViewLayout.q(ViewLayout.VISIBILITY) + " GROUP BY region";
        return merging ? regions + " UNION ALL SELECT '" + MERGE + "' AS source, max(seq) AS position FROM " + ViewLayout.q(database)
                + "." + ViewLayout.q(MergedLayout.MERGE_VISIBILITY) : regions;
    }

    /** Inserts {@code positions} (source → position) into the cut; null when there is nothing to insert. */
    public static String insert(String database, Map<String, Long> positions) {
        if (positions.isEmpty()) {
            return null;
        }
        return "INSERT INTO " + ViewLayout.q(database) + "." + ViewLayout.q(TABLE) + " (source, position) VALUES "
                + positions.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> "('" + e.getKey().replace("'", "") + "', " + e.getValue() + ")").collect(Collectors.joining(", "));
    }

    /** The sources whose published position is ahead of the cut, with that position: what advancing the cut inserts. */
    public static Map<String, Long> advances(Map<String, Long> published, Map<String, Long> cut) {
        return published.entrySet().stream()
                .filter(e -> e.getValue() > cut.getOrDefault(e.getKey(), 0L))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Whether a stored view definition reads its cut from {@code _cut} (views made before it existed read the published position). */
    public static boolean readsTheCut(String createStatement, String database) {
        return createStatement.contains(database + "." + TABLE) || createStatement.contains("`" + database + "`.`" + TABLE + "`");
    }
}
