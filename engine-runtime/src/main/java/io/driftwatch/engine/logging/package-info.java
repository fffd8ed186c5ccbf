/**
 * Where log lines go when a person runs Driftwatch in a terminal: the product's own warnings on
 * the terminal, everything else in a log file.
 */
package io.driftwatch.engine.logging;
