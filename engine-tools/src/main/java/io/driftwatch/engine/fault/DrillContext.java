package io.driftwatch.engine.fault;

import io.driftwatch.engine.stack.LocalStack;

/** What a fault acts on: the local stack, the load running against it, and the disk of the views. */
public record DrillContext(LocalStack stack, SteadyLoad load, ViewsDisk disk) {}
