package io.driftwatch.engine.registry;

import java.util.List;

/** The registry's answer to "may this schema follow the latest version?" */
public record CompatibilityVerdict(boolean compatible, List<String> messages) {
    public CompatibilityVerdict {
        messages = List.copyOf(messages);
    }
}
