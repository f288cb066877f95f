package dev.capmill.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OffsetEstimatorTest {
    static final long US = 1_000L;

    /** Differences as gen_pcap.py --tap2 makes them: a lag of 180 µs plus 0..39 µs of uniform jitter. */
    private static long[] tapDiffs(int n, long clock, Random rnd) {
        long[] d = new long[n];
        for (int i = 0; i < n; i++) {
            d[i] = clock + 180 * US + rnd.nextInt(40) * US;
        }
        return d;
    }

    @Test
    void aLowPercentileRemovesClockAndPathDelayTogether() {
        long[] d = tapDiffs(20_000, 0, new Random(1));
        OffsetEstimator.Estimate e = OffsetEstimator.estimate(d, d.length);
        // 1 in 40 differences is exactly 180 µs, more than the 1 % the estimate takes
        assertEquals(180 * US, e.differenceNanos());
        assertEquals(-180 * US, e.offsetNanos());
        assertEquals(20_000, e.support());
        assertEquals(0, e.outliers());
        // with continuous jitter the 1st percentile sits 1 % into it: within 0.4 µs of the minimum lag
        Random rnd = new Random(2);
        long[] c = new long[20_000];
        for (int i = 0; i < c.length; i++) {
            c[i] = 180 * US + (long) (rnd.nextDouble() * 40 * US);
        }
        long est = OffsetEstimator.estimate(c, c.length).differenceNanos();
        assertTrue(est >= 180 * US && est <= 180 * US + 600, "" + est);
    }

    @Test
    void anEstimateMovesExactlyWithAShiftOfTheInput() {
        for (long shift : new long[] {-2_500_000_000L, 3_500_000L, 3_600_000_000_000L, 1, -1}) {
            long[] base = tapDiffs(5_000, 0, new Random(3));
            long[] moved = tapDiffs(5_000, shift, new Random(3));
            assertEquals(OffsetEstimator.estimate(base, base.length).differenceNanos() + shift,
                    OffsetEstimator.estimate(moved, moved.length).differenceNanos(), "shift " + shift);
        }
    }

    @Test
    void strayMatchesAreOutliersAndDoNotMoveTheEstimate() {
        Random rnd = new Random(4);
        long[] d = tapDiffs(10_000, -2_500_000_000L, rnd);
        long clean = OffsetEstimator.estimate(d.clone(), d.length).differenceNanos();
        // 5 % of the matches are wrong: their differences are anywhere within ±10 s
        int stray = 500;
        long[] noisy = Arrays.copyOf(d, d.length + stray);
        for (int i = 0; i < stray; i++) {
            noisy[d.length + i] = -2_500_000_000L + (long) ((rnd.nextDouble() * 2 - 1) * 10e9);
        }
        OffsetEstimator.Estimate e = OffsetEstimator.estimate(noisy, noisy.length);
        assertEquals(clean, e.differenceNanos());
        // only the stray ones within 50 ms of the mode can be counted as support (about 0.5 % of them)
        assertTrue(e.outliers() > stray - 20 && e.outliers() <= stray, "" + e);
        assertEquals(noisy.length, e.support() + e.outliers());
        // a few stray matches just below the cluster move a minimum, not the 1st percentile
        long[] low = Arrays.copyOf(d, d.length + 5);
        for (int i = 0; i < 5; i++) {
            low[d.length + i] = -2_500_000_000L + 100 * US;
        }
        assertEquals(clean, OffsetEstimator.estimate(low, low.length).differenceNanos());
    }

    @Test
    void theDensestClusterWinsOverASpreadOne() {
        // 300 differences spread over a second, 200 within 40 µs: the dense group is the path
        Random rnd = new Random(5);
        long[] d = new long[500];
        for (int i = 0; i < 300; i++) {
            d[i] = (long) (rnd.nextDouble() * 1e9);
        }
        for (int i = 300; i < 500; i++) {
            d[i] = 700_000_000L + rnd.nextInt(40) * US;
        }
        OffsetEstimator.Estimate e = OffsetEstimator.estimate(d, d.length);
        assertTrue(e.differenceNanos() >= 700_000_000L - 50_000_000L && e.differenceNanos() <= 700_000_000L + 40 * US,
                "" + e);
    }

    @Test
    void smallAndExtremeInputs() {
        assertNull(OffsetEstimator.estimate(new long[0], 0));
        long[] one = {42};
        assertEquals(42, OffsetEstimator.estimate(one, 1).differenceNanos());
        long[] few = {5, 3, 9, 4, 8};
        assertEquals(3, OffsetEstimator.estimate(few, few.length).differenceNanos());
        long[] extreme = {Long.MIN_VALUE + 1, Long.MAX_VALUE, Long.MAX_VALUE - 1, 0};
        OffsetEstimator.Estimate e = OffsetEstimator.estimate(extreme, extreme.length);
        assertEquals(Long.MAX_VALUE - 1, e.differenceNanos());
        assertEquals(2, e.support());
    }
}
