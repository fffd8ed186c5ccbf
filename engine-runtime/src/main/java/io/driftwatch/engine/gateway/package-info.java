/**
 * The SQL gateway: ClickHouse's HTTP interface in front of the views, under which every query —
 * joins, IN subqueries, several scalar subqueries, UNION ALL, views over views — reads every view
 * at one cut. It forwards each query to ClickHouse unchanged and advances the views' cut only while
 * none of its queries runs (docs/VIEWS.md says why ClickHouse alone cannot give this).
 */
package io.driftwatch.engine.gateway;
