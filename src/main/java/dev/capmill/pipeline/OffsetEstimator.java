package dev.capmill.pipeline;

import java.util.Arrays;

/**
 * Turns the time differences of packets seen at two points (this input's time minus the
 * reference's, one per matched packet) into the offset that lines the copies up.
 *
 * <p>A difference is the clock offset plus the path delay from one point to the other plus
 * queueing jitter; a few are wrong (a packet that happens to look like another). The estimate:
 * <ol>
 * <li>the mode: the {@value #MODE_WIDTH_NANOS}-ns-wide interval that holds the most differences;</li>
 * <li>the cluster: every difference within {@value #CLUSTER_RADIUS_NANOS} ns of that interval's
 *     median; the others are outliers and are ignored;</li>
 * <li>the estimate: the {@value #QUANTILE_PERCENT}st percentile of the cluster (its smallest value
 *     when it has fewer than 100).</li>
 * </ol>
 * A low percentile rather than the median removes the path delay with the clock offset, so that
 * after the shift a packet's copies lie at the same time or just after the reference's, and a few
 * stray matches below the true minimum cannot move it the way they would move the minimum. The
 * offset to apply is the estimate negated.
 */
public final class OffsetEstimator {
    /** Width of the interval that finds the mode: 1 ms. */
    public static final long MODE_WIDTH_NANOS = 1_000_000L;
    /** Differences further than this from the mode are outliers: 50 ms. */
    public static final long CLUSTER_RADIUS_NANOS = 50_000_000L;
    /** The percentile of the cluster taken as the estimate. */
    public static final int QUANTILE_PERCENT = 1;

    /** The estimate of the difference, and how many differences support it or were ignored. */
    public record Estimate(long differenceNanos, int support, int outliers) {
        /** The offset that moves the input's times onto the reference's. */
        public long offsetNanos() {
            return -differenceNanos;
        }
    }

    private OffsetEstimator() {
    }

    /** Estimates from {@code diffs[0 .. n)} (sorted in place); null when {@code n} is 0. */
    public static Estimate estimate(long[] diffs, int n) {
        if (n <= 0) {
            return null;
        }
        Arrays.sort(diffs, 0, n);
        // the densest interval [diffs[i], diffs[i] + MODE_WIDTH]: two pointers over the sorted values
        int bestI = 0;
        int bestJ = 1;
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (j < i + 1) {
                j = i + 1;
            }
            while (j < n && within(diffs[i], diffs[j], MODE_WIDTH_NANOS)) {
                j++;
            }
            if (j - i > bestJ - bestI) {
                bestI = i;
                bestJ = j;
            }
        }
        long center = diffs[bestI + (bestJ - 1 - bestI) / 2];
        int lo = bestI;
        while (lo > 0 && within(diffs[lo - 1], center, CLUSTER_RADIUS_NANOS)) {
            lo--;
        }
        int hi = bestJ; // exclusive
        while (hi < n && within(center, diffs[hi], CLUSTER_RADIUS_NANOS)) {
            hi++;
        }
        int size = hi - lo;
        int rank = (int) ((long) (size - 1) * QUANTILE_PERCENT / 100);
        return new Estimate(diffs[lo + rank], size, n - size);
    }

    /** Whether {@code b - a} (with {@code a <= b}) is at most {@code w}; a distance beyond a long is not. */
    private static boolean within(long a, long b, long w) {
        long d = b - a;
        return d >= 0 && d <= w;
    }
}
