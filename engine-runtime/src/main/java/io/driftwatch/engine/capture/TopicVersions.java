package io.driftwatch.engine.capture;

import io.driftwatch.engine.registry.SchemaRegistryClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which topic a table's changes go to. A table starts on its base topic; when the registry
 * rejects a new schema for it (a change its subject's compatibility level forbids, such as a
 * column's type), the table moves to {@code <topic>-v2} (then {@code -v3}, …) with a subject of
 * its own, and stays there. The current version is read back from the registry's subjects, so a
 * restarted capture continues on the versioned topic.
 */
final class TopicVersions {
    static final int MAX_VERSION = 9;
    private static final Pattern VERSIONED = Pattern.compile("(.+)-v(\\d+)-value");

    private final Map<String, Integer> current = new ConcurrentHashMap<>();

    /** The versions of this capture's topics ({@code topicPrefix.}…) as the registry's subjects show them. */
    static TopicVersions fromRegistry(SchemaRegistryClient registry, String topicPrefix) {
        List<String> subjects;
        try {
            subjects = registry.subjects();
        } catch (RuntimeException unreachable) {
            subjects = List.of(); // the registry's absence is handled where schemas are registered
        }
        return new TopicVersions(subjects, topicPrefix);
    }

    TopicVersions(List<String> subjects, String topicPrefix) {
        for (String subject : subjects) {
            Matcher m = VERSIONED.matcher(subject);
            if (m.matches() && m.group(1).startsWith(topicPrefix + ".")) {
                current.merge(m.group(1), Integer.parseInt(m.group(2)), Math::max);
            }
        }
    }

    /** The topic {@code baseTopic}'s changes go to now. */
    String topicFor(String baseTopic) {
        return named(baseTopic, current.getOrDefault(baseTopic, 1));
    }

    /** Moves {@code baseTopic} to its next version; returns the new topic, or null past {@link #MAX_VERSION}. */
    String advance(String baseTopic) {
        int next = current.getOrDefault(baseTopic, 1) + 1;
        if (next > MAX_VERSION) {
            return null;
        }
        current.put(baseTopic, next);
        return named(baseTopic, next);
    }

    /** Base topic → current versioned topic, for every table that moved. */
    Map<String, String> moved() {
        Map<String, String> moved = new java.util.TreeMap<>();
        current.forEach((base, version) -> moved.put(base, named(base, version)));
        return moved;
    }

    static String named(String baseTopic, int version) {
        return version <= 1 ? baseTopic : baseTopic + "-v" + version;
    }
}
