package io.driftwatch.engine.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/** The engine's main classes: no test classes, also none from the core's test-fixtures jar. */
public final class MainCodeOnly implements ImportOption {
    private final ImportOption noTestDirectories = new DoNotIncludeTests();

    @Override
    public boolean includes(Location location) {
        return noTestDirectories.includes(location) && !location.contains("-tests.jar");
    }
}
