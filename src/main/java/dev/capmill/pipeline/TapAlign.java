package dev.capmill.pipeline;

import dev.capmill.decode.TapKey;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.PacketRecord;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Estimates the clock offset of inputs captured at several points of a network, relative to a
 * reference input, from the packets seen at both (matched by {@link TapKey}).
 *
 * <p>Memory is bounded whatever the inputs: the first {@code samplePackets} packets of each input
 * are read, and at most {@link #MAX_KEYS} keys of the reference are kept. The keys kept are a
 * consistent sample: a key is kept when its low {@code level} bits are zero, and {@code level}
 * goes up by one (half the keys dropped) whenever the table is full, so the same packets are
 * sampled at every point whatever order they come in. Another input is then read with the same
 * level and each of its sampled keys looked up; the differences of packets found once at each point
 * go to {@link OffsetEstimator}. A key seen twice within one input's sample (an ARP request
 * repeated, a retransmission identical to the byte) is ambiguous and not used.
 */
public final class TapAlign {
    /** Packets read from each input by default. */
    public static final int DEFAULT_SAMPLE = 1_000_000;
    /** Most reference keys kept (in a table of twice as many slots, 41 bytes a slot: about 11 MB). */
    public static final int MAX_KEYS = 1 << 17;
    /** Fewest matched packets an estimate is made from. */
    public static final int MIN_MATCHES = 10;

    private static final int SLOTS = MAX_KEYS * 2;
    private static final long AMBIGUOUS = Long.MIN_VALUE;
    private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 1;

    /** What was found about one input. */
    public record Measure(String name, long sampled, int matched, int outliers, long differenceNanos, String problem) {
        /** Whether an offset was estimated (enough matches). */
        public boolean estimated() {
            return matched >= MIN_MATCHES;
        }

        /** The offset that moves this input's times onto the reference's. */
        public long offsetNanos() {
            return -differenceNanos;
        }
    }

    private final int samplePackets;
    private final TapKey key = new TapKey();
    private final PacketRecord rec = new PacketRecord();
    private final long[] k1 = new long[SLOTS];
    private final long[] k2 = new long[SLOTS];
    private final long[] time = new long[SLOTS];
    private final boolean[] used = new boolean[SLOTS];
    private final long[] diff = new long[SLOTS];
    private final byte[] hits = new byte[SLOTS];
    private final long[] diffs = new long[MAX_KEYS];
    private int size;
    private long lastCount;
    private int level;
    private long refSampled;
    private String refProblem;

    public TapAlign(int samplePackets) {
        if (samplePackets < 1) {
            throw new IllegalArgumentException("the sample is at least one packet");
        }
        this.samplePackets = samplePackets;
    }

    /** Reads the reference's sample into the table; closes {@code src}. */
    public Measure reference(String name, RecordSource src) {
        Arrays.fill(used, false);
        size = 0;
        level = 0;
        refSampled = 0;
        refProblem = read(src, true);
        return new Measure(name, refSampled, 0, 0, 0, refProblem);
    }

    /** Keys the reference's sample kept (at most {@link #MAX_KEYS}). */
    public int referenceKeys() {
        return size;
    }

    /** The fraction of packets sampled is 1 / 2^level. */
    public int level() {
        return level;
    }

    /** Reads another input's sample and estimates its offset against the reference; closes {@code src}. */
    public Measure measure(String name, RecordSource src) {
        Arrays.fill(hits, (byte) 0);
        String problem = read(src, false);
        long sampled = lastCount;
        int n = 0;
        for (int s = 0; s < SLOTS; s++) {
            if (hits[s] == 1) {
                diffs[n++] = diff[s];
            }
        }
        if (n < MIN_MATCHES) {
            return new Measure(name, sampled, n, 0, 0, problem);
        }
        OffsetEstimator.Estimate e = OffsetEstimator.estimate(diffs, n);
        return new Measure(name, sampled, e.support(), e.outliers(), e.differenceNanos(), problem);
    }

    /** Reads up to the sample size; returns the read error's message, or null. */
    private String read(RecordSource src, boolean reference) {
        PacketRecord r = rec;
        long count = 0;
        String problem = null;
        try (src) {
            while (count < samplePackets && src.next(r)) {
                if (!r.isPacket()) {
                    continue;
                }
                count++;
                if (!r.hasTimestamp() || r.seconds() < 0 || r.seconds() > MAX_SECONDS) {
                    continue;
                }
                List<InterfaceInfo> ifs = src.interfaces();
                int id = r.interfaceId();
                if (id < 0 || id >= ifs.size()
                        || !key.compute(r.data(), r.offset(), r.capturedLength(), ifs.get(id).linkType())) {
                    continue;
                }
                long t = r.seconds() * 1_000_000_000L + r.nanos();
                if (reference) {
                    insert(key.hi(), key.lo(), t);
                } else {
                    match(key.hi(), key.lo(), t);
                }
            }
        } catch (IOException | RuntimeException e) {
            problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        lastCount = count;
        if (reference) {
            refSampled = count;
        }
        return problem;
    }

    private boolean sampled(long hi) {
        return (hi & ((1L << level) - 1)) == 0;
    }

    private int slot(long hi, long lo) {
        int s = (int) (lo ^ (lo >>> 32)) & (SLOTS - 1);
        while (used[s] && (k1[s] != hi || k2[s] != lo)) {
            s = (s + 1) & (SLOTS - 1);
        }
        return s;
    }

    private void insert(long hi, long lo, long t) {
        if (!sampled(hi)) {
            return;
        }
        int s = slot(hi, lo);
        if (used[s]) {
            time[s] = AMBIGUOUS;
            return;
        }
        used[s] = true;
        k1[s] = hi;
        k2[s] = lo;
        time[s] = t;
        if (++size > MAX_KEYS) {
            raiseLevel();
        }
    }

    /** Halves the sample: keeps the keys with one more low bit zero, re-placed in the table. */
    private void raiseLevel() {
        level++;
        long[] oh = k1.clone();
        long[] ol = k2.clone();
        long[] ot = time.clone();
        boolean[] ou = used.clone();
        Arrays.fill(used, false);
        size = 0;
        for (int s = 0; s < SLOTS; s++) {
            if (ou[s] && sampled(oh[s])) {
                int n = slot(oh[s], ol[s]);
                used[n] = true;
                k1[n] = oh[s];
                k2[n] = ol[s];
                time[n] = ot[s];
                size++;
            }
        }
    }

    private void match(long hi, long lo, long t) {
        if (!sampled(hi)) {
            return;
        }
        int s = slot(hi, lo);
        if (!used[s] || time[s] == AMBIGUOUS) {
            return;
        }
        if (hits[s] == 0) {
            diff[s] = t - time[s];
            hits[s] = 1;
        } else {
            hits[s] = 2;
        }
    }
}
