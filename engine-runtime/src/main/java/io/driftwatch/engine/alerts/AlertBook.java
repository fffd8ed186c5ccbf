package io.driftwatch.engine.alerts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which conditions hold since when, and which alerts are firing: fed every reading's conditions,
 * it returns the alerts that start firing (a condition held for its rule's duration) and those
 * that resolve (a firing condition no longer holds, or its subject is gone). An alert fires once
 * while its condition holds — no repeats. Pure: time comes in with each reading.
 */
public final class AlertBook {
    private record Open(long sinceMs, boolean firing) {}

    private final String pipeline;
    private final Map<String, Rule> rules = new HashMap<>();
    private final Map<String, Open> open = new HashMap<>();
    private final Map<String, Condition> last = new HashMap<>();
    private final Map<String, AlertEvent> fired = new java.util.TreeMap<>();

    public AlertBook(String pipeline, Collection<Rule> rules) {
        this.pipeline = pipeline;
        rules.forEach(r -> this.rules.put(r.name(), r));
    }

    public List<AlertEvent> observe(List<Condition> conditions, long nowMs) {
        List<AlertEvent> events = new ArrayList<>();
        Set<String> holding = new HashSet<>();
        for (Condition c : conditions) {
            Rule rule = rules.get(c.rule());
            if (rule == null || !c.holds()) {
                continue;
            }
            holding.add(c.key());
            last.put(c.key(), c);
            Open o = open.computeIfAbsent(c.key(), k -> new Open(nowMs, false));
            if (!o.firing() && nowMs - o.sinceMs() >= rule.forAtLeast().toMillis()) {
                open.put(c.key(), new Open(o.sinceMs(), true));
                AlertEvent firing = new AlertEvent(AlertEvent.Status.FIRING, pipeline, c.rule(), c.subject(), c.value(), c.summary(), o.sinceMs(), nowMs);
                fired.put(c.key(), firing);
                events.add(firing);
            }
        }
        for (String key : new ArrayList<>(open.keySet())) {
            if (holding.contains(key)) {
                continue;
            }
            Open o = open.remove(key);
            Condition c = last.remove(key);
            fired.remove(key);
            if (o.firing()) {
                events.add(new AlertEvent(AlertEvent.Status.RESOLVED, pipeline, c.rule(), c.subject(), c.value(),
                        "resolved: " + c.summary(), o.sinceMs(), nowMs));
            }
        }
        return events;
    }

    /** The alerts firing now, each as it fired, in the order of rule and subject. */
    public List<AlertEvent> firing() {
        return List.copyOf(fired.values());
    }
}
