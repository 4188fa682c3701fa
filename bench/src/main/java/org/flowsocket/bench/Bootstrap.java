/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import org.HdrHistogram.Histogram;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * 95 % percentile-bootstrap confidence intervals over a row's runs: the
 * runs are resampled with replacement, the statistic recomputed on each
 * resample, and the 2.5th and 97.5th percentiles of those values bound the
 * interval. A ratio of two rows resamples each row's runs independently.
 */
final class Bootstrap {

    /** An estimate and its 95 % interval. */
    static final class Interval {
        final double estimate;
        final double low;
        final double high;

        Interval(double estimate, double low, double high) {
            this.estimate = estimate;
            this.low = low;
            this.high = high;
        }

        @Override
        public String toString() {
            return format("%.0f", 1);
        }

        /**
         * @param number format of each number, e.g. {@code %.2f}
         * @param scale  factor applied to each number
         * @return e.g. {@code 123 [110-130]}
         */
        String format(String number, double scale) {
            return String.format(Locale.ROOT, number + " [" + number + "-" + number + "]",
                    estimate * scale, low * scale, high * scale);
        }
    }

    /** Resamples of a latency percentile, each of which adds up whole histograms. */
    static final int PERCENTILE_RESAMPLES = 200;

    private final int resamples;
    private final Random random;

    /**
     * @param resamples number of resamples
     * @param seed      random seed (printed, so a report can be recomputed)
     */
    Bootstrap(int resamples, long seed) {
        this.resamples = resamples;
        this.random = new Random(seed);
    }

    /**
     * @param runs a row's runs
     * @param stat statistic of one run, averaged over the runs
     * @return the mean of the statistic and its interval
     */
    Interval mean(List<RunResult> runs, ToDoubleFunction<RunResult> stat) {
        double[] x = runs.stream().mapToDouble(stat).toArray();
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            means[b] = resampledMean(x);
        }
        return interval(mean(x), means);
    }

    /**
     * @param top    runs of the numerator row
     * @param bottom runs of the denominator row
     * @param stat   statistic of one run
     * @return the ratio of the two rows' means and its interval
     */
    Interval ratio(List<RunResult> top, List<RunResult> bottom, ToDoubleFunction<RunResult> stat) {
        double[] x = top.stream().mapToDouble(stat).toArray();
        double[] y = bottom.stream().mapToDouble(stat).toArray();
        double[] ratios = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            ratios[b] = resampledMean(x) / resampledMean(y);
        }
        return interval(mean(x) / mean(y), ratios);
    }

    /**
     * @param runs       a row's runs
     * @param percentile e.g. 99
     * @param histogram  which histogram of a run
     * @return the percentile of the runs' pooled histograms, in milliseconds, and its interval
     */
    <T> Interval percentile(List<T> runs, double percentile, Function<T, Histogram> histogram) {
        Histogram all = pooled(runs, histogram);
        int n = Math.min(resamples, PERCENTILE_RESAMPLES); // each resample pools histograms
        double[] values = new double[n];
        for (int b = 0; b < n; b++) {
            Histogram h = FlowRows.histogram();
            for (int i = 0; i < runs.size(); i++) {
                h.add(histogram.apply(runs.get(random.nextInt(runs.size()))));
            }
            values[b] = h.getTotalCount() > 0 ? h.getValueAtPercentile(percentile) / 1e3 : Double.NaN;
        }
        return interval(all.getTotalCount() > 0 ? all.getValueAtPercentile(percentile) / 1e3 : Double.NaN,
                values);
    }

    /**
     * @param runs      runs
     * @param histogram which histogram of a run
     * @return the runs' histograms added up
     */
    static <T> Histogram pooled(List<T> runs, Function<T, Histogram> histogram) {
        Histogram all = FlowRows.histogram();
        runs.forEach(r -> all.add(histogram.apply(r)));
        return all;
    }

    private double resampledMean(double[] x) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[random.nextInt(x.length)];
        }
        return sum / x.length;
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).average().orElse(Double.NaN);
    }

    private static Interval interval(double estimate, double[] values) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return new Interval(estimate, Double.NaN, Double.NaN);
        }
        return new Interval(estimate, v[(int) Math.floor(0.025 * (v.length - 1))],
                v[(int) Math.ceil(0.975 * (v.length - 1))]);
    }
}
