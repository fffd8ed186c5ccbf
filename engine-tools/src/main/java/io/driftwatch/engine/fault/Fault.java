package io.driftwatch.engine.fault;

/**
 * One fault a drill injects into a running local pipeline and later removes.
 *
 * @param name short name, used in reports ({@code kafka-kill})
 * @param what what happens, in plain words, for the report
 * @param server the server of the stack the fault hits
 * @param inject makes the fault happen
 * @param heal removes it; returns how long the server took to answer again (zero when nothing restarted)
 */
public record Fault(String name, String what, String server, Action inject, Healing heal) {

    /** Injects a fault. */
    @FunctionalInterface
    public interface Action {
        void run(DrillContext context) throws Exception;
    }

    /** Removes a fault and says how long the server took to answer again. */
    @FunctionalInterface
    public interface Healing {
        java.time.Duration run(DrillContext context) throws Exception;
    }
}
