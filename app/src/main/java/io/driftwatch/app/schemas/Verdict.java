package io.driftwatch.app.schemas;

/** The state of the schema test: not run yet, running, or its answer. */
public enum Verdict { NONE, CHECKING, COMPATIBLE, INCOMPATIBLE }
