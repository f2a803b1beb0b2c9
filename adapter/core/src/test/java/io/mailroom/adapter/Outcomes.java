package io.mailroom.adapter;

import net.jqwik.api.statistics.Statistics;

/**
 * Counts how the cases of a property ended, and fails the property when too few were sent: a
 * property whose cases are all refused would check nothing on the wire.
 */
final class Outcomes {
    private static final double LEAST_SENT_PERCENT = 20;

    private Outcomes() {
    }

    static void count(String outcome) {
        Statistics.label("outcome").collect(outcome);
    }

    /** Declared in each try; jqwik checks it after the last. */
    static void requireMostlySent() {
        Statistics.label("outcome").coverage(c -> c.check("sent").percentage(p -> p >= LEAST_SENT_PERCENT));
    }
}
