/**
 * The benchmark program: {@link io.mailroom.benchmarks.BenchmarkMain} runs the scenarios of
 * {@code io.mailroom.benchmarks.scenario} against a sink from {@code io.mailroom.benchmarks.sink},
 * {@link io.mailroom.benchmarks.ScenarioRunner} times them and
 * {@code io.mailroom.benchmarks.report} turns the measurements into {@code RESULTS.md}. Nothing
 * here is a test: {@code mvn verify} only compiles it, and no number is ever asserted.
 */
package io.mailroom.benchmarks;
