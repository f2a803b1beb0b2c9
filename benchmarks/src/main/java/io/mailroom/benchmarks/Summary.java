package io.mailroom.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * The median, minimum and maximum of a few measured rates.
 *
 * @param median the median (the mean of the middle two for an even count)
 * @param min the smallest
 * @param max the largest
 * @param samples how many values
 */
public record Summary(double median, double min, double max, int samples) {

    /**
     * @param values at least one value
     * @return their summary
     */
    public static Summary of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to summarize");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Summary(median, sorted[0], sorted[n - 1], n);
    }
}
