package io.driftwatch.engine.merge;

/**
 * A merge configuration error, naming the offending key path (e.g.
 * {@code tables.inventory.columns.stok}) so the user can find it in the file.
 */
public final class MergeConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String path;

    public MergeConfigException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    /** The key path of the offending entry. */
    public String path() {
        return path;
    }
}
